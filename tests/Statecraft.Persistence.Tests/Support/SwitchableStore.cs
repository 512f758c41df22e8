using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;

namespace Statecraft.Persistence.Tests.Support;

/// <summary>A store whose appends and loads can be made to fail or to hang, as an outage would; everything else passes through.</summary>
internal sealed class SwitchableStore(IGameStore inner) : IGameStore
{
    private int _appendCalls;

    public bool FailAppends { get; set; }

    /// <summary>Appends and loads never answer (a frozen server) until cancelled.</summary>
    public bool Frozen { get; set; }

    /// <summary>The next append is stored but its reply is lost (the caller sees an error), as when a write times out and lands later.</summary>
    public bool LoseNextReply { get; set; }

    /// <summary>Appends that reached this store, failed or not.</summary>
    public int AppendCalls => Volatile.Read(ref _appendCalls);

    public string Name => inner.Name;

    public ValueTask InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    public ValueTask PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);

    public async ValueTask<StoredGame?> LoadAsync(string gameId, long? snapshotBeforeVersion = null, CancellationToken cancellationToken = default)
    {
        await HangIfFrozenAsync(cancellationToken);
        return await inner.LoadAsync(gameId, snapshotBeforeVersion, cancellationToken);
    }

    public async ValueTask<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _appendCalls);
        await HangIfFrozenAsync(cancellationToken);
        if (FailAppends)
        {
            throw new IOException("the store is down (test)");
        }

        var result = await inner.AppendAsync(request, cancellationToken);
        if (LoseNextReply)
        {
            LoseNextReply = false;
            throw new TimeoutException("the reply was lost (test); the append was stored");
        }

        return result;
    }

    private async Task HangIfFrozenAsync(CancellationToken cancellationToken)
    {
        if (Frozen)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

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
