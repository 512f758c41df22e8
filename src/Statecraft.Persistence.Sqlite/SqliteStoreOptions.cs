using Microsoft.Extensions.Options;

namespace Statecraft.Persistence.Sqlite;

/// <summary>How much SQLite waits for the disk before a commit returns (<c>PRAGMA synchronous</c>).</summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// In WAL mode a commit is durable once it is in the operating system: it survives a crash of the process,
    /// including <c>kill -9</c>, but the last commits can be lost if the machine loses power. The database never
    /// corrupts either way.
    /// </summary>
    Normal,

    /// <summary>Every commit waits for an fsync of the write-ahead log: survives power loss as well, at a write-latency cost.</summary>
    Full,
}

/// <summary>Settings of <see cref="SqliteGameStore"/>.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Statecraft:Sqlite";

    /// <summary>Path of the database file, relative to the working directory unless rooted. Its directory is created if missing.</summary>
    public string DataSource { get; set; } = "data/statecraft.db";

    /// <summary>
    /// Durability of a commit: <see cref="SqliteSynchronousMode.Normal"/> (the default) survives process crashes including
    /// <c>kill -9</c>; <see cref="SqliteSynchronousMode.Full"/> also survives power loss, at a write-latency cost.
    /// </summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Normal;

    /// <summary>
    /// How long an operation waits for another writer to release the database before it fails. SQLite calls block
    /// their thread and cannot be cancelled, so this, not <c>Statecraft:Resilience:StoreCallTimeout</c>, bounds how
    /// long a locked database holds a command: keep it short. A healthy write holds the lock for milliseconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Rejects <see cref="SqliteStoreOptions"/> the store cannot work with, saying what to change.</summary>
public sealed class SqliteStoreOptionsValidator : IValidateOptions<SqliteStoreOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataSource))
        {
            failures.Add("Statecraft:Sqlite:DataSource must be the path of the database file, for example 'data/statecraft.db'.");
        }
        else if (IsInMemory(options.DataSource))
        {
            // Every pooled connection would get its own empty in-memory database.
            failures.Add($"Statecraft:Sqlite:DataSource '{options.DataSource}' is an in-memory database; the store needs a file. Use InMemoryGameStore for throwaway storage.");
        }

        if (!Enum.IsDefined(options.Synchronous))
        {
            failures.Add($"Statecraft:Sqlite:Synchronous '{options.Synchronous}' is not one of: {string.Join(", ", Enum.GetNames<SqliteSynchronousMode>())}.");
        }

        if (options.BusyTimeout <= TimeSpan.Zero || options.BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"Statecraft:Sqlite:BusyTimeout must be positive and at most {TimeSpan.FromMilliseconds(int.MaxValue)}; it is {options.BusyTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsInMemory(string dataSource) =>
        dataSource.Contains(":memory:", StringComparison.OrdinalIgnoreCase)
        || dataSource.Contains("mode=memory", StringComparison.OrdinalIgnoreCase);
}
