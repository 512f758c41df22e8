using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;
using Statecraft.Testing;

namespace Statecraft.Benchmarks.Peers;

/// <summary>How our store behaves in a window: as shipped, or with one lever undone.</summary>
internal enum StoreLever
{
    /// <summary>As shipped.</summary>
    Current,

    /// <summary>Before pruning moved into the append: a snapshot's append is followed by a separate prune call.</summary>
    SeparatePrune,

    /// <summary>Before the Redis client completed replies on the .NET thread pool: on its own dedicated socket threads.</summary>
    DedicatedSocketThreads,
}

/// <summary>
/// Our store with the levers of issue 16 switchable at run time, so one silo measures before and after in the same
/// run. The hot path (load, append, prune, compact) follows <see cref="Lever"/>; everything else uses the current store.
/// </summary>
internal sealed class BeforeAfterStore(IGameStore current, IGameStore? dedicatedSocketThreads) : DelegatingGameStore(current)
{
    private long _calls;

    public StoreLever Lever { get; set; }

    /// <summary>Hot-path calls that reached a store: each is one Redis request (one script) or one SQLite transaction.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    private IGameStore Target => Counted(Lever) == StoreLever.DedicatedSocketThreads
        ? dedicatedSocketThreads ?? throw new InvalidOperationException("This run has no Redis client on dedicated socket threads (Redis only).")
        : Inner;

    private StoreLever Counted(StoreLever lever)
    {
        Interlocked.Increment(ref _calls);
        return lever;
    }

    public override async ValueTask InitializeAsync(CancellationToken cancellationToken = default)
    {
        await base.InitializeAsync(cancellationToken);
        if (dedicatedSocketThreads is not null)
        {
            await dedicatedSocketThreads.InitializeAsync(cancellationToken);
        }
    }

    public override ValueTask<StoredGame?> LoadAsync(string gameId, long? snapshotBeforeVersion = null, CancellationToken cancellationToken = default) =>
        Target.LoadAsync(gameId, snapshotBeforeVersion, cancellationToken);

    public override async ValueTask<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default)
    {
        if (Lever != StoreLever.SeparatePrune || request.Snapshot is null || request.SnapshotsToKeep == 0)
        {
            return await Target.AppendAsync(request, cancellationToken);
        }

        // What the repository used to do before answering: append, then prune in a call of its own.
        var result = await Target.AppendAsync(request with { SnapshotsToKeep = 0 }, cancellationToken);
        if (result.IsDurable)
        {
            await Target.PruneSnapshotsAsync(request.Header.GameId, request.SnapshotsToKeep, cancellationToken);
        }

        return result;
    }

    public override ValueTask<int> PruneSnapshotsAsync(string gameId, int keep, CancellationToken cancellationToken = default) =>
        Target.PruneSnapshotsAsync(gameId, keep, cancellationToken);

    public override ValueTask<long> CompactAsync(string gameId, CancellationToken cancellationToken = default) =>
        Target.CompactAsync(gameId, cancellationToken);
}
