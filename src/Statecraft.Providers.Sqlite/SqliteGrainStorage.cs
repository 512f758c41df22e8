using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Statecraft.Providers.Sqlite;

/// <summary>
/// Orleans grain storage in a SQLite file: one row per state name and grain, holding the serialized state and an ETag.
/// Every write and clear compares the grain's ETag with the stored one inside a <c>BEGIN IMMEDIATE</c> transaction
/// (<see cref="ConditionalGrainStorage"/> does the rest), so a stale activation gets an
/// <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
public sealed partial class SqliteGrainStorage : ConditionalGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const string SelectState = "SELECT payload, etag FROM grain_state WHERE state_name = @state_name AND grain_id = @grain_id;";

    private const string SelectETag = "SELECT etag FROM grain_state WHERE state_name = @state_name AND grain_id = @grain_id;";

    private const string InsertState = "INSERT INTO grain_state (state_name, grain_id, payload, etag) VALUES (@state_name, @grain_id, @payload, @etag);";

    private const string UpdateState = "UPDATE grain_state SET payload = @payload, etag = @etag WHERE state_name = @state_name AND grain_id = @grain_id;";

    private const string DeleteState = "DELETE FROM grain_state WHERE state_name = @state_name AND grain_id = @grain_id;";

    private readonly SqliteProviderDatabase _database;
    private readonly ILogger _logger;

    /// <summary>Creates a storage provider over the file named in <paramref name="options"/>; nothing is opened until first use.</summary>
    /// <param name="name">The provider name grains refer to, as in <c>[PersistentState("flags", "flags")]</c>.</param>
    /// <param name="options">Where the file is and how long to wait for it.</param>
    /// <param name="serializer">Turns state into bytes and back; the silo's default unless one is keyed to <paramref name="name"/>.</param>
    /// <param name="activatorProvider">Creates the empty state a grain starts from when nothing is stored.</param>
    /// <param name="logger">Receives migrations and ETag conflicts.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public SqliteGrainStorage(
        string name,
        SqliteProviderOptions options,
        IGrainStorageSerializer serializer,
        IActivatorProvider activatorProvider,
        ILogger<SqliteGrainStorage>? logger = null)
        : base(name, serializer, activatorProvider)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _database = new SqliteProviderDatabase(name, options, _logger);
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath => _database.DatabasePath;

    /// <summary>Creates or migrates the schema before grains activate, so a bad path or a foreign file stops the silo at start.</summary>
    /// <param name="lifecycle">The silo's lifecycle.</param>
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            $"{nameof(SqliteGrainStorage)}-{Name}",
            ServiceLifecycleStage.ApplicationServices,
            cancellationToken => _database.MigrateAsync(cancellationToken).AsTask());
    }

    /// <summary>Closes the pooled connections to the file. Operations after this throw.</summary>
    public void Dispose() => _database.Dispose();

    /// <inheritdoc />
    protected override async Task<StoredGrainState?> ReadRecordAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = CreateKeyedCommand(connection, null, SelectState, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredGrainState(reader.GetFieldValue<byte[]>(0), reader.GetString(1))
            : null;
    }

    /// <inheritdoc />
    /// <remarks>Compare and write happen in one <c>BEGIN IMMEDIATE</c> transaction, so no other writer slips between them.</remarks>
    protected override async Task WriteRecordAsync(string stateName, GrainId grainId, byte[] payload, string? expectedETag, string newETag, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);
        var stored = await ReadStoredETagAsync(connection, transaction, stateName, grainId, cancellationToken);
        ThrowIfConflict("WriteStateAsync", stateName, grainId, stored, expectedETag);
        await using (var command = CreateKeyedCommand(connection, transaction, stored is null ? InsertState : UpdateState, stateName, grainId))
        {
            command.Parameters.Add("@payload", SqliteType.Blob).Value = payload;
            command.Parameters.AddWithValue("@etag", newETag);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        transaction.Commit();
    }

    /// <inheritdoc />
    protected override async Task DeleteRecordAsync(string stateName, GrainId grainId, string? expectedETag, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);
        var stored = await ReadStoredETagAsync(connection, transaction, stateName, grainId, cancellationToken);
        ThrowIfConflict("ClearStateAsync", stateName, grainId, stored, expectedETag);
        if (stored is not null)
        {
            await using var command = CreateKeyedCommand(connection, transaction, DeleteState, stateName, grainId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        transaction.Commit();
    }

    private void ThrowIfConflict(string operation, string stateName, GrainId grainId, string? stored, string? current)
    {
        if (string.Equals(stored, current, StringComparison.Ordinal))
        {
            return;
        }

        LogConflict(_logger, operation, Name, stateName, grainId, stored, current);
        throw Conflict(operation, stateName, grainId, stored, current);
    }

    private static async ValueTask<string?> ReadStoredETagAsync(
        SqliteConnection connection, SqliteTransaction transaction, string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = CreateKeyedCommand(connection, transaction, SelectETag, stateName, grainId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static SqliteCommand CreateKeyedCommand(SqliteConnection connection, SqliteTransaction? transaction, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@state_name", stateName);
        command.Parameters.AddWithValue("@grain_id", grainId.ToString());
        return command;
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "{Operation} refused by SQLite grain storage {ProviderName}: state {StateName} of {GrainId} has ETag {StoredETag}, the grain holds {GrainETag}")]
    private static partial void LogConflict(ILogger logger, string operation, string providerName, string stateName, GrainId grainId, string? storedETag, string? grainETag);
}
