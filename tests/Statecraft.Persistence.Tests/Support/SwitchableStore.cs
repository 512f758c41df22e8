using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;

namespace Statecraft.Persistence.Tests.Support;

/// <summary>A store whose appends can be made to fail, as an outage would; everything else passes through.</summary>
internal sealed class SwitchableStore(IGameStore inner) : IGameStore
{
    public bool FailAppends { get; set; }

    public string Name => inner.Name;

    public ValueTask InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    public ValueTask PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);

    public ValueTask<StoredGame?> LoadAsync(string gameId, long? snapshotBeforeVersion = null, CancellationToken cancellationToken = default) =>
        inner.LoadAsync(gameId, snapshotBeforeVersion, cancellationToken);

    public ValueTask<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default) =>
        FailAppends ? throw new IOException("the store is down (test)") : inner.AppendAsync(request, cancellationToken);

    public ValueTask<EventPage> ReadEventsAsync(string gameId, long fromVersion, long toVersion, int maxCount, CancellationToken cancellationToken = default) =>
        inner.ReadEventsAsync(gameId, fromVersion, toVersion, maxCount, cancellationToken);

    public ValueTask<IReadOnlyList<long>> ListSnapshotVersionsAsync(string gameId, CancellationToken cancellationToken = default) =>
        inner.ListSnapshotVersionsAsync(gameId, cancellationToken);

    public ValueTask<GamePage> ListGamesAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken = default) =>
        inner.ListGamesAsync(continuationToken, pageSize, cancellationToken);

    public ValueTask<bool> DeleteAsync(string gameId, CancellationToken cancellationToken = default) => inner.DeleteAsync(gameId, cancellationToken);

    public ValueTask<int> PruneSnapshotsAsync(string gameId, int keep, CancellationToken cancellationToken = default) =>
        inner.PruneSnapshotsAsync(gameId, keep, cancellationToken);

    public ValueTask<long> CompactAsync(string gameId, CancellationToken cancellationToken = default) => inner.CompactAsync(gameId, cancellationToken);

    public ValueTask<RetentionReport> ApplyRetentionAsync(DateTimeOffset now, RetentionPolicy policy, CancellationToken cancellationToken = default) =>
        inner.ApplyRetentionAsync(now, policy, cancellationToken);
}
