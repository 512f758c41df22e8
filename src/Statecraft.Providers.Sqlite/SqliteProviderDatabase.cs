using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SQLitePCL;

namespace Statecraft.Providers.Sqlite;

/// <summary>
/// One provider's handle on the database file: pooled connections with the per-connection settings applied, and the
/// schema brought up to date before the first of them is handed out. Safe to share between any number of tasks.
/// </summary>
internal sealed partial class SqliteProviderDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _migrationGate = new(1, 1);
    private volatile bool _migrated;
    private int _disposed;

    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public SqliteProviderDatabase(string optionsName, SqliteProviderOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(options);
        var validation = new SqliteProviderOptionsValidator().Validate(optionsName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(optionsName, typeof(SqliteProviderOptions), validation.Failures);
        }

        _logger = logger;
        DatabasePath = Path.GetFullPath(options.DataSource);
        _busyTimeoutMilliseconds = (int)options.BusyTimeout.TotalMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Microsoft.Data.Sqlite retries busy statements itself for this long, on top of SQLite's own busy handler.
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Creates or migrates the schema unless this instance already did. A failed attempt is not remembered: the next
    /// caller tries again, so one bad moment of the disk does not poison the provider for the life of the silo.
    /// </summary>
    public async ValueTask MigrateAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

        await _migrationGate.WaitAsync(cancellationToken);
        try
        {
            if (_migrated)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            await using var connection = await OpenConnectionAsync(cancellationToken);
            var (from, to) = await SqliteProviderSchema.MigrateAsync(connection, cancellationToken);
            _migrated = true;
            if (from != to)
            {
                LogMigrated(_logger, DatabasePath, from, to);
            }
        }
        finally
        {
            _migrationGate.Release();
        }
    }

    /// <summary>Opens a pooled connection to an up-to-date schema.</summary>
    public async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
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

    /// <summary>Applies the per-connection settings: they do not live in the file.</summary>
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
            // In WAL mode NORMAL survives a process crash, including kill -9; only an OS crash or power loss can
            // take the last commits. Reminders and grain state are rewritten often enough that this is the right trade.
            command.CommandText = "PRAGMA synchronous = NORMAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Migrated the SQLite Orleans provider database {DatabasePath} from schema version {FromVersion} to {ToVersion}")]
    private static partial void LogMigrated(ILogger logger, string databasePath, int fromVersion, int toVersion);
}
