using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;
using Statecraft.Persistence.Tests.Contract;
using Statecraft.Persistence.Tests.Support;
using Statecraft.Testing;

namespace Statecraft.Persistence.Tests.Journal;

/// <summary>
/// The store calls a commit makes before it is answered: each is a round trip on the acknowledgement path, so a
/// snapshot's pruning rides in its append instead of following it.
/// </summary>
public sealed class GameRepositoryRoundTripTests
{
    [Theory]
    [InlineData(PersistenceStrategy.Hybrid)]
    [InlineData(PersistenceStrategy.SnapshotOnly)]
    public async Task A_commit_that_writes_a_snapshot_is_one_store_call_and_keeps_only_the_newest_snapshots(PersistenceStrategy strategy)
    {
        var store = new CallCountingStore(new InMemoryGameStore());
        var driver = new JournalDriver(store, new PersistenceOptions
        {
            Strategy = strategy,
            SnapshotEveryEvents = 3,
            SnapshotsToKeep = 2,
            CompactAfterEvents = 100_000,
        });
        var game = Games.OhHell(31, players: 3, handSizes: "4,3");

        var final = await driver.CommitAsync(game);

        var snapshotCommits = driver.Results.Count(result => result.Snapshot is not null);
        Assert.True(snapshotCommits > 5, $"the game should write several snapshots, wrote {snapshotCommits}");
        Assert.Equal(game.Steps.Count, store.Appends);
        Assert.Equal(0, store.OtherCalls);
        var kept = await store.ListSnapshotVersionsAsync(final.GameId, TestContext.Current.CancellationToken);
        // Hybrid prunes at every snapshot; snapshot-only every SnapshotsToKeep versions, so up to twice as many stay.
        Assert.InRange(kept.Count, 2, strategy == PersistenceStrategy.Hybrid ? 2 : 4);
        Assert.Equal(final.Version, kept[^1]);
    }

    /// <summary>Counts appends and every call that is neither an append nor a read the test makes itself.</summary>
    private sealed class CallCountingStore(IGameStore inner) : DelegatingGameStore(inner)
    {
        public int Appends { get; private set; }

        public int OtherCalls { get; private set; }

        public override ValueTask<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default)
        {
            Appends++;
            return base.AppendAsync(request, cancellationToken);
        }

        public override ValueTask<int> PruneSnapshotsAsync(string gameId, int keep, CancellationToken cancellationToken = default)
        {
            OtherCalls++;
            return base.PruneSnapshotsAsync(gameId, keep, cancellationToken);
        }

        public override ValueTask<long> CompactAsync(string gameId, CancellationToken cancellationToken = default)
        {
            OtherCalls++;
            return base.CompactAsync(gameId, cancellationToken);
        }

        public override ValueTask<StoredGame?> LoadAsync(string gameId, long? snapshotBeforeVersion = null, CancellationToken cancellationToken = default)
        {
            OtherCalls++;
            return base.LoadAsync(gameId, snapshotBeforeVersion, cancellationToken);
        }
    }
}
