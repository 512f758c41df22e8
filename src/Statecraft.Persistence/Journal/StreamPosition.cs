namespace Statecraft.Persistence.Journal;

/// <summary>Where a game's last snapshot is: the input the snapshot policy needs. Kept by the game's owner between commits.</summary>
/// <param name="SnapshotVersion">The version of the last snapshot written (0 when none).</param>
/// <param name="LastSnapshotAt">When that snapshot was written, or when the game was created if there is none.</param>
public sealed record StreamPosition(long SnapshotVersion, DateTimeOffset? LastSnapshotAt)
{
    /// <summary>A game that has never been stored.</summary>
    public static StreamPosition New { get; } = new(0, null);
}
