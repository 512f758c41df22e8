using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;
using static Statecraft.Persistence.Sqlite.SqliteRecordMapping;

namespace Statecraft.Persistence.Sqlite;

/// <summary>
/// A game store in one SQLite database file with write-ahead logging: readers never block the writer, and SQLite
/// serialises writers, each append being one <c>BEGIN IMMEDIATE</c> transaction. Every statement is keyed by primary
/// key, so an append costs the same however long the game's history is. Each operation borrows a pooled connection,
/// so the store is safe to share between any number of tasks.
/// </summary>
public sealed partial class SqliteGameStore : IGameStore, IAsyncDisposable
{
    private const string SelectStreamPosition = "SELECT version, last_batch_id, last_batch_expected FROM games WHERE game_id = @game_id;";

    private const string InsertEvent = $"""
        INSERT INTO events (game_id, {EventColumns})
        VALUES (@game_id, @version, @command_id, @at, @at_offset, @type, @schema_version, @encoding, @payload, @checksum, @command_fingerprint);
        """;

    // A catch-up snapshot may be rewritten at a version that already has one; the newer bytes win, as in memory.
    private const string UpsertSnapshot = $"""
        INSERT OR REPLACE INTO snapshots (game_id, {SnapshotColumns})
        VALUES (@game_id, @version, @at, @at_offset, @type, @schema_version, @encoding, @payload, @checksum);
        """;

    private const string UpsertHeader = $"""
        INSERT INTO games (game_id, {HeaderColumns}, last_batch_id, last_batch_expected)
        VALUES (@game_id, @ruleset, @phase, @version, @updated_at, @updated_at_offset, @finished_at, @finished_at_offset, @last_batch_id, @last_batch_expected)
        ON CONFLICT (game_id) DO UPDATE SET
            ruleset = excluded.ruleset,
            phase = excluded.phase,
            version = excluded.version,
            updated_at = excluded.updated_at,
            updated_at_offset = excluded.updated_at_offset,
            finished_at = excluded.finished_at,
            finished_at_offset = excluded.finished_at_offset,
            last_batch_id = excluded.last_batch_id,
            last_batch_expected = excluded.last_batch_expected;
        """;

    // The header and the chosen snapshot in one round trip; snapshot columns are null when none qualifies.
    private const string SelectHeaderAndSnapshot = """
        SELECT g.ruleset, g.phase, g.version, g.updated_at, g.updated_at_offset, g.finished_at, g.finished_at_offset,
               s.version, s.at, s.at_offset, s.type, s.schema_version, s.encoding, s.payload, s.checksum
        FROM games AS g
        LEFT JOIN snapshots AS s
            ON s.game_id = g.game_id
            AND s.version = (SELECT version FROM snapshots WHERE game_id = @game_id AND version < @before ORDER BY version DESC LIMIT 1)
        WHERE g.game_id = @game_id;
        """;

    private const int SnapshotColumnsInLoad = 7;

    private const string SelectEventsAfter = $"SELECT {EventColumns} FROM events WHERE game_id = @game_id AND version > @after ORDER BY version;";

    private const string SelectEventRange = $"""
        SELECT {EventColumns} FROM events
        WHERE game_id = @game_id AND version BETWEEN @from AND @to
        ORDER BY version LIMIT @limit;
        """;

    private const string SelectFirstEventVersion = "SELECT MIN(version) FROM events WHERE game_id = @game_id;";

    private const string SelectSnapshotVersions = "SELECT version FROM snapshots WHERE game_id = @game_id ORDER BY version;";

    private const string SelectFirstGames = $"SELECT game_id, {HeaderColumns} FROM games ORDER BY game_id LIMIT @limit;";

    private const string SelectGamesAfter = $"SELECT game_id, {HeaderColumns} FROM games WHERE game_id > @after ORDER BY game_id LIMIT @limit;";

    private const string SelectUsage = """
        SELECT (SELECT COUNT(*) FROM games), (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM snapshots),
               (SELECT page_count FROM pragma_page_count()), (SELECT page_size FROM pragma_page_size());
        """;

    private readonly SqliteDatabase _database;
    private readonly ILogger _logger;

    /// <summary>Creates a store over the file named in <paramref name="options"/>; nothing is opened until first use.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public SqliteGameStore(SqliteStoreOptions options, ILogger<SqliteGameStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new SqliteStoreOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SqliteStoreOptions), validation.Failures);
        }

        _logger = logger ?? (ILogger)NullLogger.Instance;
        _database = new SqliteDatabase(options.DataSource, options.BusyTimeout, options.Synchronous == SqliteSynchronousMode.Full, SqliteSchema.Definition);
    }

    /// <inheritdoc />
    public string Name => "sqlite";

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath => _database.DatabasePath;

    /// <inheritdoc />
    public async ValueTask InitializeAsync(CancellationToken cancellationToken = default)
    {
        var (from, to) = await _database.MigrateAsync(cancellationToken);
        if (from != to)
        {
            LogMigrated(_logger, DatabasePath, from, to);
        }
    }

    /// <inheritdoc />
    public async ValueTask PingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1;";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Bytes are the database's pages plus its write-ahead log: what the file system holds for it. Counting rows walks
    /// each table's smallest index, milliseconds for a million rows; sampled once a minute, that is cheap enough.
    /// </remarks>
    public async ValueTask<StoreUsage> MeasureUsageAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectUsage;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var wal = new FileInfo(DatabasePath + "-wal");
        var bytes = reader.GetInt64(3) * reader.GetInt64(4) + (wal.Exists ? wal.Length : 0);
        return new StoreUsage(bytes, new Dictionary<string, long>(StringComparer.Ordinal)
        {
            [StoreRecordKinds.Games] = reader.GetInt64(0),
            [StoreRecordKinds.Events] = reader.GetInt64(1),
            [StoreRecordKinds.Snapshots] = reader.GetInt64(2),
        });
    }

    /// <inheritdoc />
    public async ValueTask<StoredGame?> LoadAsync(string gameId, long? snapshotBeforeVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        await using var connection = await OpenAsync(cancellationToken);
        // One read transaction: the header, snapshot and events come from the same committed state.
        using var transaction = connection.BeginTransaction(deferred: true);

        GameHeader header;
        SnapshotRecord? snapshot;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = SelectHeaderAndSnapshot;
            command.Parameters.AddWithValue("@game_id", gameId);
            command.Parameters.AddWithValue("@before", snapshotBeforeVersion ?? long.MaxValue);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            header = ReadHeader(reader, gameId);
            snapshot = reader.IsDBNull(SnapshotColumnsInLoad) ? null : ReadSnapshot(reader, SnapshotColumnsInLoad);
        }

        var events = new List<EventRecord>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = SelectEventsAfter;
            command.Parameters.AddWithValue("@game_id", gameId);
            command.Parameters.AddWithValue("@after", snapshot?.Version ?? 0);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(ReadEvent(reader));
            }
        }

        transaction.Commit();
        return new StoredGame(header, snapshot, events);
    }

    /// <inheritdoc />
    public async ValueTask<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        await using var connection = await OpenAsync(cancellationToken);
        // IMMEDIATE takes the write lock before the version is read, so no other writer can slip in between.
        using var transaction = connection.BeginTransaction(deferred: false);
        var (current, lastBatchId, lastBatchExpected) = await ReadStreamPositionAsync(connection, transaction, request.Header.GameId, cancellationToken);
        if (current != request.ExpectedVersion)
        {
            // Nothing was written; disposing the transaction rolls it back.
            return lastBatchId == request.BatchId && lastBatchExpected == request.ExpectedVersion
                ? AppendResult.AlreadyApplied(current)
                : AppendResult.Conflict(current);
        }

        await InsertEventsAsync(connection, transaction, request.Header.GameId, request.Events, cancellationToken);
        if (request.Snapshot is { } snapshot)
        {
            await UpsertSnapshotAsync(connection, transaction, request.Header.GameId, snapshot, cancellationToken);
            if (request.SnapshotsToKeep > 0)
            {
                // In the append's transaction: pruning then costs no commit of its own before the answer.
                await DeleteAllButNewestSnapshotsAsync(connection, transaction, request.Header.GameId, request.SnapshotsToKeep, cancellationToken);
            }
        }

        await UpsertHeaderAsync(connection, transaction, request, cancellationToken);
        transaction.Commit();
        return AppendResult.Appended(request.NewVersion);
    }

    /// <inheritdoc />
    public async ValueTask<EventPage> ReadEventsAsync(string gameId, long fromVersion, long toVersion, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await using var connection = await OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: true);

        var events = new List<EventRecord>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = SelectEventRange;
            command.Parameters.AddWithValue("@game_id", gameId);
            command.Parameters.AddWithValue("@from", fromVersion);
            command.Parameters.AddWithValue("@to", toVersion);
            // One row more than asked tells whether another page follows.
            command.Parameters.AddWithValue("@limit", (long)maxCount + 1);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(ReadEvent(reader));
            }
        }

        long? firstAvailable;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = SelectFirstEventVersion;
            command.Parameters.AddWithValue("@game_id", gameId);
            firstAvailable = await command.ExecuteScalarAsync(cancellationToken) is long first ? first : null;
        }

        transaction.Commit();
        var hasMore = events.Count > maxCount;
        if (hasMore)
        {
            events.RemoveAt(events.Count - 1);
        }

        return new EventPage(events, hasMore ? events[^1].Version + 1 : null, firstAvailable);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<long>> ListSnapshotVersionsAsync(string gameId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadSnapshotVersionsAsync(connection, null, gameId, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<GamePage> ListGamesAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Two statements rather than "@after IS NULL OR ..." so each is a plain primary-key range scan.
        command.CommandText = continuationToken is null ? SelectFirstGames : SelectGamesAfter;
        if (continuationToken is not null)
        {
            command.Parameters.AddWithValue("@after", continuationToken);
        }

        command.Parameters.AddWithValue("@limit", (long)pageSize + 1);
        var headers = new List<GameHeader>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                headers.Add(ReadHeader(reader, reader.GetString(0), first: 1));
            }
        }

        var hasMore = headers.Count > pageSize;
        if (hasMore)
        {
            headers.RemoveAt(headers.Count - 1);
        }

        return new GamePage(headers, hasMore ? headers[^1].GameId : null);
    }

    /// <summary>Closes the pooled connections to the file, so it can be moved or deleted. Operations after this throw.</summary>
    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A pooled connection to the migrated file, with the per-connection settings applied.</summary>
    private ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => _database.OpenAsync(cancellationToken);

    private static async ValueTask<(long Version, Guid? LastBatchId, long LastBatchExpected)> ReadStreamPositionAsync(
        SqliteConnection connection, SqliteTransaction transaction, string gameId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SelectStreamPosition;
        command.Parameters.AddWithValue("@game_id", gameId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt64(0), new Guid(reader.GetFieldValue<byte[]>(1)), reader.GetInt64(2))
            : (0, null, -1);
    }

    private static async ValueTask InsertEventsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string gameId, IReadOnlyList<EventRecord> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        // One command for the whole batch: SQLite prepares the statement once and rebinds it per event.
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertEvent;
        command.Parameters.AddWithValue("@game_id", gameId);
        var version = command.Parameters.Add("@version", SqliteType.Integer);
        var commandId = command.Parameters.Add("@command_id", SqliteType.Blob);
        var at = command.Parameters.Add("@at", SqliteType.Integer);
        var atOffset = command.Parameters.Add("@at_offset", SqliteType.Integer);
        var type = command.Parameters.Add("@type", SqliteType.Text);
        var schemaVersion = command.Parameters.Add("@schema_version", SqliteType.Integer);
        var encoding = command.Parameters.Add("@encoding", SqliteType.Integer);
        var payload = command.Parameters.Add("@payload", SqliteType.Blob);
        var checksum = command.Parameters.Add("@checksum", SqliteType.Integer);
        var fingerprint = command.Parameters.Add("@command_fingerprint", SqliteType.Integer);
        foreach (var record in events)
        {
            version.Value = record.Version;
            commandId.Value = record.CommandId.ToByteArray();
            at.Value = ToUtcTicks(record.At);
            atOffset.Value = ToOffsetMinutes(record.At);
            type.Value = record.Payload.Type;
            schemaVersion.Value = record.Payload.SchemaVersion;
            encoding.Value = (long)record.Payload.Encoding;
            payload.Value = record.Payload.Data;
            checksum.Value = ToStored(record.Payload.Checksum);
            fingerprint.Value = record.CommandFingerprint == 0 ? DBNull.Value : ToStored(record.CommandFingerprint);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async ValueTask UpsertSnapshotAsync(
        SqliteConnection connection, SqliteTransaction transaction, string gameId, SnapshotRecord snapshot, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = UpsertSnapshot;
        command.Parameters.AddWithValue("@game_id", gameId);
        command.Parameters.AddWithValue("@version", snapshot.Version);
        command.Parameters.AddWithValue("@at", ToUtcTicks(snapshot.At));
        command.Parameters.AddWithValue("@at_offset", ToOffsetMinutes(snapshot.At));
        command.Parameters.AddWithValue("@type", snapshot.Payload.Type);
        command.Parameters.AddWithValue("@schema_version", snapshot.Payload.SchemaVersion);
        command.Parameters.AddWithValue("@encoding", (long)snapshot.Payload.Encoding);
        command.Parameters.Add("@payload", SqliteType.Blob).Value = snapshot.Payload.Data;
        command.Parameters.AddWithValue("@checksum", ToStored(snapshot.Payload.Checksum));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async ValueTask UpsertHeaderAsync(
        SqliteConnection connection, SqliteTransaction transaction, AppendRequest request, CancellationToken cancellationToken)
    {
        var header = request.Header;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = UpsertHeader;
        command.Parameters.AddWithValue("@game_id", header.GameId);
        command.Parameters.AddWithValue("@ruleset", header.RulesetId);
        command.Parameters.AddWithValue("@phase", header.Phase);
        command.Parameters.AddWithValue("@version", header.Version);
        command.Parameters.AddWithValue("@updated_at", ToUtcTicks(header.UpdatedAt));
        command.Parameters.AddWithValue("@updated_at_offset", ToOffsetMinutes(header.UpdatedAt));
        command.Parameters.AddWithValue("@finished_at", OrDbNull(header.FinishedAt is { } finished ? ToUtcTicks(finished) : null));
        command.Parameters.AddWithValue("@finished_at_offset", OrDbNull(header.FinishedAt is { } finishedAt ? ToOffsetMinutes(finishedAt) : null));
        command.Parameters.Add("@last_batch_id", SqliteType.Blob).Value = request.BatchId.ToByteArray();
        command.Parameters.AddWithValue("@last_batch_expected", request.ExpectedVersion);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async ValueTask<List<long>> ReadSnapshotVersionsAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string gameId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SelectSnapshotVersions;
        command.Parameters.AddWithValue("@game_id", gameId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt64(0));
        }

        return versions;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Migrated the SQLite game store {DatabasePath} from schema version {FromVersion} to {ToVersion}")]
    private static partial void LogMigrated(ILogger logger, string databasePath, int fromVersion, int toVersion);
}
