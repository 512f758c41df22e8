using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Statecraft.Providers;

/// <summary>
/// The Orleans side every Statecraft grain storage shares: serialization, a fresh ETag per write, the empty state a
/// grain starts from, and the grain-state bookkeeping. A backend supplies three record operations, each conditional on
/// the ETag the grain holds: a stale activation gets an <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
public abstract class ConditionalGrainStorage : IGrainStorage
{
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activatorProvider;

    /// <summary>Creates the storage.</summary>
    /// <param name="name">The provider name grains refer to, as in <c>[PersistentState("flags", "flags")]</c>.</param>
    /// <param name="serializer">Turns state into bytes and back.</param>
    /// <param name="activatorProvider">Creates the empty state a grain starts from when nothing is stored.</param>
    protected ConditionalGrainStorage(string name, IGrainStorageSerializer serializer, IActivatorProvider activatorProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(activatorProvider);
        Name = name;
        _serializer = serializer;
        _activatorProvider = activatorProvider;
    }

    /// <summary>The provider name.</summary>
    protected string Name { get; }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <summary>Reads the record into <paramref name="grainState"/>, or resets it to empty state when there is none.</summary>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        if (await ReadRecordAsync(stateName, grainId, cancellationToken) is not { } record)
        {
            Reset(grainState);
            return;
        }

        grainState.State = _serializer.Deserialize<T>(BinaryData.FromBytes(record.Payload));
        grainState.ETag = record.ETag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <summary>Writes the state if the stored ETag is the grain's, and gives the grain the new one.</summary>
    /// <exception cref="InconsistentStateException">
    /// The stored ETag is not the grain's: another writer got there first, the record was cleared, or the grain
    /// believes the record is new while one exists.
    /// </exception>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        // Serialized before the backend is touched, so any lock or request is held only for the write itself.
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var etag = Guid.NewGuid().ToString("N");
        await WriteRecordAsync(stateName, grainId, payload, grainState.ETag, etag, cancellationToken);
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <summary>Deletes the record if the grain's ETag is current, and resets the grain's state to empty.</summary>
    /// <exception cref="InconsistentStateException">The stored ETag is not the grain's.</exception>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        await DeleteRecordAsync(stateName, grainId, grainState.ETag, cancellationToken);
        Reset(grainState);
    }

    /// <summary>The stored record, or null when there is none.</summary>
    protected abstract Task<StoredGrainState?> ReadRecordAsync(string stateName, GrainId grainId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="payload"/> under <paramref name="newETag"/> if the stored ETag is
    /// <paramref name="expectedETag"/> (null: no record may exist); otherwise throws
    /// <see cref="InconsistentStateException"/> and writes nothing.
    /// </summary>
    protected abstract Task WriteRecordAsync(string stateName, GrainId grainId, byte[] payload, string? expectedETag, string newETag, CancellationToken cancellationToken);

    /// <summary>Deletes the record if its ETag is <paramref name="expectedETag"/> (null: none may exist); otherwise throws <see cref="InconsistentStateException"/>.</summary>
    protected abstract Task DeleteRecordAsync(string stateName, GrainId grainId, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>The conflict a backend reports, worded the same for every backend.</summary>
    protected InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? storedETag, string? grainETag) =>
        new($"Version conflict ({operation}): provider '{Name}', state '{stateName}', grain {grainId}: the stored ETag is '{storedETag ?? "none"}' but the grain holds '{grainETag ?? "none"}'.",
            storedETag, grainETag);

    /// <summary>What a grain sees when nothing is stored: fresh empty state, as every Orleans provider gives it.</summary>
    private void Reset<T>(IGrainState<T> grainState)
    {
        grainState.State = _activatorProvider.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }
}

/// <summary>A stored grain state record: the serialized state and its ETag.</summary>
public sealed record StoredGrainState(byte[] Payload, string ETag);
