namespace Statecraft.Persistence.Policies;

/// <summary>
/// Decides when a commit also writes a snapshot, from the configured strategy and the game's snapshot position.
/// Pure apart from the clock, which comes from <see cref="TimeProvider"/> so tests can move it.
/// </summary>
public sealed class SnapshotPolicy(PersistenceOptions options, TimeProvider time)
{
    /// <summary>The snapshot reason for a commit, or null for none.</summary>
    /// <param name="eventsSinceSnapshot">Events appended since the last snapshot, including this commit's.</param>
    /// <param name="lastSnapshotAt">When the last snapshot was written, or when the game was first stored if never.</param>
    /// <param name="phaseChanged">Whether this commit changed the game's phase.</param>
    public SnapshotReason? ForCommit(long eventsSinceSnapshot, DateTimeOffset? lastSnapshotAt, bool phaseChanged) => options.Strategy switch
    {
        PersistenceStrategy.SnapshotOnly => SnapshotReason.EveryCommit,
        PersistenceStrategy.EventSourced => null,
        _ when eventsSinceSnapshot >= options.SnapshotEveryEvents => SnapshotReason.EventCount,
        _ when lastSnapshotAt is { } last && time.GetUtcNow() - last >= options.SnapshotInterval => SnapshotReason.Interval,
        _ when phaseChanged && options.SnapshotOnPhaseChange => SnapshotReason.PhaseChange,
        _ => null,
    };

    /// <summary>Whether deactivating a game with <paramref name="eventsSinceSnapshot"/> unsnapshotted events writes a final snapshot.</summary>
    public bool OnDeactivation(long eventsSinceSnapshot) =>
        options.Strategy == PersistenceStrategy.Hybrid && options.SnapshotOnDeactivation && eventsSinceSnapshot > 0;

    /// <summary>
    /// How many snapshots the commit that writes one at <paramref name="snapshotVersion"/> keeps (0: leave them). The
    /// store prunes the rest in the same write (DynamoDB: right after it), so pruning costs no round trip of its own
    /// on Redis and SQLite. Hybrid prunes at every snapshot; snapshot-only, which writes one per commit, every
    /// <see cref="PersistenceOptions.SnapshotsToKeep"/> versions, so at most twice as many pile up and a store that
    /// prunes in calls of its own is not asked on every commit.
    /// </summary>
    public int SnapshotsToKeep(long previousSnapshotVersion, long snapshotVersion) => options.Strategy switch
    {
        PersistenceStrategy.Hybrid => options.SnapshotsToKeep,
        PersistenceStrategy.SnapshotOnly when snapshotVersion / options.SnapshotsToKeep != previousSnapshotVersion / options.SnapshotsToKeep => options.SnapshotsToKeep,
        _ => 0,
    };

    /// <summary>Whether the stream crossed a compaction boundary between two snapshots.</summary>
    public bool ShouldCompact(long previousSnapshotVersion, long snapshotVersion) =>
        options.Strategy == PersistenceStrategy.Hybrid && snapshotVersion / options.CompactAfterEvents != previousSnapshotVersion / options.CompactAfterEvents;
}
