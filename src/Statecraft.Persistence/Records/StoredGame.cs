namespace Statecraft.Persistence.Records;

/// <summary>
/// A game as stored: its header (whose version is the concurrency token for the next append), the chosen snapshot,
/// and every event after it in order.
/// </summary>
public sealed record StoredGame(GameHeader Header, SnapshotRecord? Snapshot, IReadOnlyList<EventRecord> Events)
{
    /// <summary>The stream version: pass it as the expected version of the next append.</summary>
    public long Version => Header.Version;
}
