using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Statecraft.Persistence.Sqlite;

namespace Statecraft.Providers.Sqlite;

/// <summary>
/// One provider's handle on the database file: a <see cref="SqliteDatabase"/> (the same connection handling and
/// migration runner as the game store's) over the providers' schema, with the options validated and migrations logged.
/// Safe to share between any number of tasks.
/// </summary>
internal sealed partial class SqliteProviderDatabase : IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly ILogger _logger;

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
        // NORMAL: in WAL mode it survives a process crash, including kill -9; only an OS crash or power loss can take
        // the last commits. Reminders and grain state are rewritten often enough that this is the right trade.
        _database = new SqliteDatabase(options.DataSource, options.BusyTimeout, fullSync: false, SqliteProviderSchema.Definition);
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath => _database.DatabasePath;

    /// <summary>Creates or migrates the schema unless this instance already did; a failed attempt is tried again next time.</summary>
    public async ValueTask MigrateAsync(CancellationToken cancellationToken)
    {
        var (from, to) = await _database.MigrateAsync(cancellationToken);
        if (from != to)
        {
            LogMigrated(_logger, DatabasePath, from, to);
        }
    }

    /// <summary>Opens a pooled connection to an up-to-date schema.</summary>
    public async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        return await _database.OpenAsync(cancellationToken);
    }

    /// <summary>Closes the pooled connections to the file, so it can be moved or deleted. Operations after this throw.</summary>
    public void Dispose() => _database.Dispose();

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Migrated the SQLite Orleans provider database {DatabasePath} from schema version {FromVersion} to {ToVersion}")]
    private static partial void LogMigrated(ILogger logger, string databasePath, int fromVersion, int toVersion);
}
