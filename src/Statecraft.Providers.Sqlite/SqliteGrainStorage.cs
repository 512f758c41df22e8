using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Statecraft.Providers.Sqlite;

/// <summary>
/// Orleans grain storage in a SQLite file: one row per state name and grain, holding the state as serialized by the
/// silo's <see cref="IGrainStorageSerializer"/> and an ETag. Every write and clear compares the grain's ETag with the
/// stored one inside a <c>BEGIN IMMEDIATE</c> transaction, so a stale activation gets an
/// <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const string SelectState = "SELECT payload, etag FROM grain_state WHERE state_name = @state_name AND grain_id = @grain_id;";

    private const string SelectETag = "SELECT etag FROM grain_state WHERE state_name = @state_name AND grain_id = @grain_id;";

    private const string InsertState = "INSERT INTO grain_state (state_name, grain_id, payload, etag) VALUES (@state_name, @grain_id, @payload, @etag);";

    private const string UpdateState = "UPDATE grain_state SET payload = @payload, etag = @etag WHERE state_name = @state_name AND grain_id = @grain_id;";

    private const string DeleteState = "DELETE FROM grain_state WHERE state_name = @state_name AND grain_id = @grain_id;";

    private readonly string _name;
    private readonly SqliteProviderDatabase _database;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activatorProvider;
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
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(activatorProvider);
        _name = name;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _database = new SqliteProviderDatabase(name, options, _logger);
        _serializer = serializer;
        _activatorProvider = activatorProvider;
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath => _database.DatabasePath;

    /// <summary>Creates or migrates the schema before grains activate, so a bad path or a foreign file stops the silo at start.</summary>
    /// <param name="lifecycle">The silo's lifecycle.</param>
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            $"{nameof(SqliteGrainStorage)}-{_name}",
            ServiceLifecycleStage.ApplicationServices,
            cancellationToken => _database.MigrateAsync(cancellationToken).AsTask());
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = CreateKeyedCommand(connection, null, SelectState, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            Reset(grainState);
            return;
        }

        grainState.State = _serializer.Deserialize<T>(BinaryData.FromBytes(reader.GetFieldValue<byte[]>(0)));
        grainState.ETag = reader.GetString(1);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    /// <exception cref="InconsistentStateException">
    /// The stored ETag is not the grain's: another writer got there first, the record was cleared, or the grain
    /// believes the record is new while one exists.
    /// </exception>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        // Serialized before the write lock is taken, so the lock is held only for the two statements.
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var etag = Guid.NewGuid().ToString("N");
        await using var connection = await _database.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);
        var stored = await ReadStoredETagAsync(connection, transaction, stateName, grainId, cancellationToken);
        ThrowIfConflict(nameof(WriteStateAsync), stateName, grainId, stored, grainState.ETag);

        await using (var command = CreateKeyedCommand(connection, transaction, stored is null ? InsertState : UpdateState, stateName, grainId))
        {
            command.Parameters.Add("@payload", SqliteType.Blob).Value = payload;
            command.Parameters.AddWithValue("@etag", etag);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        transaction.Commit();
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <summary>Deletes the record if the grain's ETag is current, and resets the grain's state to empty.</summary>
    /// <param name="stateName">The state's name.</param>
    /// <param name="grainId">The grain.</param>
    /// <param name="grainState">The grain's view of its state; left with no ETag and <c>RecordExists</c> false.</param>
    /// <param name="cancellationToken">Cancels the clear.</param>
    /// <exception cref="InconsistentStateException">The stored ETag is not the grain's.</exception>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        await using var connection = await _database.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);
        var stored = await ReadStoredETagAsync(connection, transaction, stateName, grainId, cancellationToken);
        ThrowIfConflict(nameof(ClearStateAsync), stateName, grainId, stored, grainState.ETag);
        if (stored is not null)
        {
            await using var command = CreateKeyedCommand(connection, transaction, DeleteState, stateName, grainId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        transaction.Commit();
        Reset(grainState);
    }

    /// <summary>Closes the pooled connections to the file. Operations after this throw.</summary>
    public void Dispose() => _database.Dispose();

    /// <summary>What a grain sees when nothing is stored: fresh empty state, as every Orleans provider gives it.</summary>
    private void Reset<T>(IGrainState<T> grainState)
    {
        grainState.State = _activatorProvider.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private void ThrowIfConflict(string operation, string stateName, GrainId grainId, string? stored, string? current)
    {
        if (string.Equals(stored, current, StringComparison.Ordinal))
        {
            return;
        }

        LogConflict(_logger, operation, _name, stateName, grainId, stored, current);
        throw new InconsistentStateException(
            $"Version conflict ({operation}): provider '{_name}', state '{stateName}', grain {grainId}: the stored ETag is '{stored ?? "none"}' but the grain holds '{current ?? "none"}'.",
            stored,
            current);
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
