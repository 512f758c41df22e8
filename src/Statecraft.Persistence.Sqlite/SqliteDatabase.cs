using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Statecraft.Persistence.Sqlite;

/// <summary>
/// One SQLite file as Statecraft uses it, for the game store and the Orleans providers alike: pooled connections with
/// the per-connection settings applied (they do not live in the file), and the file's schema brought up to date at
/// most once per instance. Safe to share between any number of tasks.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly string _synchronous;
    private readonly SqliteSchemaDefinition _schema;
    private readonly SemaphoreSlim _migrationGate = new(1, 1);
    private volatile bool _migrated;
    private int _disposed;

    /// <summary>Describes the file; nothing is opened until first use.</summary>
    /// <param name="dataSource">The file's path (relative paths resolve against the current directory).</param>
    /// <param name="busyTimeout">How long an operation waits for another writer before it fails.</param>
    /// <param name="fullSync">
    /// <c>synchronous = FULL</c> (survives power loss) rather than <c>NORMAL</c>, which in WAL mode survives a process
    /// crash, <c>kill -9</c> included; only an OS crash or power loss can take the last commits.
    /// </param>
    /// <param name="schema">The schema the file holds, and how it evolves.</param>
    public SqliteDatabase(string dataSource, TimeSpan busyTimeout, bool fullSync, SqliteSchemaDefinition schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataSource);
        ArgumentNullException.ThrowIfNull(schema);
        DatabasePath = Path.GetFullPath(dataSource);
        _busyTimeoutMilliseconds = (int)busyTimeout.TotalMilliseconds;
        _synchronous = fullSync ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;";
        _schema = schema;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Microsoft.Data.Sqlite retries busy statements itself for this long, on top of SQLite's own busy handler.
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Creates the folder and the file if needed and applies every missing migration step, unless this instance already
    /// did. A failed attempt is not remembered: the next caller tries again, so one bad moment of the disk does not
    /// poison the instance for the life of the silo.
    /// </summary>
    /// <returns>The schema version found and the one left behind (equal when nothing was done).</returns>
    public async ValueTask<(int From, int To)> MigrateAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return (_schema.LatestVersion, _schema.LatestVersion);
        }

        await _migrationGate.WaitAsync(cancellationToken);
        try
        {
            if (_migrated)
            {
                return (_schema.LatestVersion, _schema.LatestVersion);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            await using var connection = await OpenConnectionAsync(cancellationToken);
            var result = await _schema.MigrateAsync(connection, cancellationToken);
            _migrated = true;
            return result;
        }
        finally
        {
            _migrationGate.Release();
        }
    }

    /// <summary>Opens a pooled connection to an up-to-date schema (migrating first if this instance has not yet).</summary>
    public async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken);
        }

        return await OpenConnectionAsync(cancellationToken);
    }

    /// <summary>Closes the pooled connections to the file, so it can be moved or deleted. Operations after this throw.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
            _migrationGate.Dispose();
        }
    }

    private async ValueTask<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // SQLite's own busy handler waits in short steps, far finer than Microsoft.Data.Sqlite's retry loop.
            raw.sqlite3_busy_timeout(connection.Handle, _busyTimeoutMilliseconds);
            await using var command = connection.CreateCommand();
            command.CommandText = _synchronous;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
