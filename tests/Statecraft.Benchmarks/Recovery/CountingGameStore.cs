using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;

namespace Statecraft.Benchmarks.Recovery;

/// <summary>
/// Counts the store calls of the game path per group of games — a group is a game id up to its first '-' — so the
/// storm's loads are told apart from the side load's commits on the same silo. Each call runs with its group in
/// <see cref="CurrentGroup"/>, so what the backend does underneath can be attributed too (<see cref="RedisRoundTrips"/>).
/// </summary>
internal sealed class CountingGameStore(IGameStore inner) : Testing.DelegatingGameStore(inner)
{
    private static readonly AsyncLocal<string?> Group = new();
    private readonly ConcurrentDictionary<(string Group, string Call), long> _calls = new();

    /// <summary>The group of the game whose store call is running in this async flow, if any.</summary>
    public static string? CurrentGroup => Group.Value;

    /// <summary>
    /// Wraps the <see cref="IGameStore"/> a backend registered (after its own registration call) so every role the
    /// silo resolves goes through the counter; the counter itself is resolvable too.
    /// </summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IGameStore));
        var create = registered.ImplementationFactory ?? throw new InvalidOperationException("The game store is expected to be registered by a factory.");
        services.Remove(registered);
        services.AddSingleton(sp => new CountingGameStore((IGameStore)create(sp)));
        services.AddSingleton<IGameStore>(sp => sp.GetRequiredService<CountingGameStore>());
    }

    /// <summary>The counts so far, by group and call.</summary>
    public IReadOnlyDictionary<(string Group, string Call), long> Snapshot() => _calls.ToDictionary(c => c.Key, c => c.Value);

    // Async on purpose: the group set here flows into the call's continuations and is gone when it returns.
    public override async ValueTask<StoredGame?> LoadAsync(string gameId, long? snapshotBeforeVersion = null, CancellationToken cancellationToken = default)
    {
        Count(gameId, "load");
        return await base.LoadAsync(gameId, snapshotBeforeVersion, cancellationToken);
    }

    public override async ValueTask<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Count(request.Header.GameId, "append");
        return await base.AppendAsync(request, cancellationToken);
    }

    public override async ValueTask<int> PruneSnapshotsAsync(string gameId, int keep, CancellationToken cancellationToken = default)
    {
        Count(gameId, "prune");
        return await base.PruneSnapshotsAsync(gameId, keep, cancellationToken);
    }

    public override async ValueTask<long> CompactAsync(string gameId, CancellationToken cancellationToken = default)
    {
        Count(gameId, "compact");
        return await base.CompactAsync(gameId, cancellationToken);
    }

    private void Count(string gameId, string call)
    {
        var dash = gameId.IndexOf('-', StringComparison.Ordinal);
        var group = dash < 0 ? gameId : gameId[..dash];
        Group.Value = group;
        _calls.AddOrUpdate((group, call), 1, (_, n) => n + 1);
    }
}
