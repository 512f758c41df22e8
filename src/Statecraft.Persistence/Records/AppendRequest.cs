namespace Statecraft.Persistence.Records;

/// <summary>
/// One atomic write to a game's stream: the events of one or more commands, optionally a snapshot, and the new
/// header. It succeeds only if the stream is at <see cref="ExpectedVersion"/> (0 for a new game).
/// <see cref="BatchId"/> identifies the batch by its command ids (see <see cref="Records.BatchId"/>) so that a retry after a
/// lost reply is recognised and not applied twice.
/// With a snapshot and <see cref="SnapshotsToKeep"/> above 0, the store also deletes all but the newest
/// <see cref="SnapshotsToKeep"/> snapshots (the new one included) in the same write, so pruning costs no round trip of
/// its own on the acknowledgement path; a store that cannot do both in one write prunes right after it, best effort.
/// </summary>
public sealed record AppendRequest(
    GameHeader Header,
    long ExpectedVersion,
    IReadOnlyList<EventRecord> Events,
    SnapshotRecord? Snapshot,
    Guid BatchId,
    int SnapshotsToKeep = 0)
{
    /// <summary>The stream version after this append.</summary>
    public long NewVersion => Header.Version;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless the request is self-consistent: events numbered
    /// <c>ExpectedVersion + 1 …</c> ending at the header's version; without events the version may only advance
    /// with a snapshot at the new version (snapshot-only persistence); any snapshot is taken at the new version.
    /// Stores call this before writing; a violation is a programming error, never user input.
    /// </summary>
    public void Validate()
    {
        if (SnapshotsToKeep < 0)
        {
            throw new ArgumentException($"Snapshots to keep {SnapshotsToKeep} is negative.", nameof(SnapshotsToKeep));
        }

        if (ExpectedVersion < 0)
        {
            throw new ArgumentException($"Expected version {ExpectedVersion} is negative.", nameof(ExpectedVersion));
        }

        if (string.IsNullOrEmpty(Header.GameId))
        {
            throw new ArgumentException("The header has no game id.", nameof(Header));
        }

        for (var i = 0; i < Events.Count; i++)
        {
            if (Events[i].Version != ExpectedVersion + i + 1)
            {
                throw new ArgumentException($"Event {i} has version {Events[i].Version}; expected {ExpectedVersion + i + 1}.", nameof(Events));
            }
        }

        if (Events.Count > 0 && NewVersion != ExpectedVersion + Events.Count)
        {
            throw new ArgumentException($"Header version {NewVersion} does not follow {Events.Count} events after {ExpectedVersion}.", nameof(Header));
        }

        if (Events.Count == 0 && NewVersion != ExpectedVersion && Snapshot is null)
        {
            throw new ArgumentException("The version can only advance without events when a snapshot is written.", nameof(Snapshot));
        }

        if (NewVersion < ExpectedVersion)
        {
            throw new ArgumentException($"Header version {NewVersion} is behind the expected version {ExpectedVersion}.", nameof(Header));
        }

        if (Snapshot is not null && Snapshot.Version != NewVersion)
        {
            throw new ArgumentException($"The snapshot is at version {Snapshot.Version}, not the new version {NewVersion}.", nameof(Snapshot));
        }

        if (Events.Count == 0 && Snapshot is null)
        {
            throw new ArgumentException("An append must write events or a snapshot.", nameof(Events));
        }
    }
}
