using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;

namespace Statecraft.Testing;

/// <summary>A store that passes every call to another; tests override the calls they make fail, hang or lose replies.</summary>
public abstract class DelegatingGameStore(IGameStore inner) : IGameStore
{
    /// <summary>The store calls pass to.</summary>
    protected IGameStore Inner => inner;

    /// <inheritdoc />
    public virtual string Name => inner.Name;

    /// <inheritdoc />
    public virtual ValueTask InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public virtual ValueTask PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);

    /// <inheritdoc />
    public virtual ValueTask<StoreUsage> MeasureUsageAsync(CancellationToken cancellationToken = default) => inner.MeasureUsageAsync(cancellationToken);

    /// <inheritdoc />
    public virtual ValueTask<StoredGame?> LoadAsync(string gameId, long? snapshotBeforeVersion = null, CancellationToken cancellationToken = default) =>
        inner.LoadAsync(gameId, snapshotBeforeVersion, cancellationToken);

    /// <inheritdoc />
    public virtual ValueTask<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(request, cancellationToken);

    /// <inheritdoc />
    public ValueTask<EventPage> ReadEventsAsync(string gameId, long fromVersion, long toVersion, int maxCount, CancellationToken cancellationToken = default) =>
        inner.ReadEventsAsync(gameId, fromVersion, toVersion, maxCount, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<long>> ListSnapshotVersionsAsync(string gameId, CancellationToken cancellationToken = default) =>
        inner.ListSnapshotVersionsAsync(gameId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<GamePage> ListGamesAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken = default) =>
        inner.ListGamesAsync(continuationToken, pageSize, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(string gameId, CancellationToken cancellationToken = default) => inner.DeleteAsync(gameId, cancellationToken);

    /// <inheritdoc />
    public virtual ValueTask<int> PruneSnapshotsAsync(string gameId, int keep, CancellationToken cancellationToken = default) =>
        inner.PruneSnapshotsAsync(gameId, keep, cancellationToken);

    /// <inheritdoc />
    public virtual ValueTask<long> CompactAsync(string gameId, CancellationToken cancellationToken = default) => inner.CompactAsync(gameId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<RetentionReport> ApplyRetentionAsync(DateTimeOffset now, RetentionPolicy policy, CancellationToken cancellationToken = default) =>
        inner.ApplyRetentionAsync(now, policy, cancellationToken);
}
