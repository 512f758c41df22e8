namespace Statecraft.Persistence.Stores;

/// <summary>The store as a dependency: its name, its schema set up at start, and whether it answers.</summary>
public interface IGameStoreHealth
{
    /// <summary>A short name for logs and metrics, for example <c>sqlite</c>.</summary>
    string Name { get; }

    /// <summary>Creates or migrates whatever the store needs (tables, schema). Safe to call more than once.</summary>
    ValueTask InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Throws when the store cannot be reached; used by readiness checks.</summary>
    ValueTask PingAsync(CancellationToken cancellationToken = default);
}
