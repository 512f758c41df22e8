namespace Statecraft.Persistence.Journal;

/// <summary>A game rebuilt from storage.</summary>
/// <param name="Snapshot">The state and the recent-command window.</param>
/// <param name="Version">The stream version (pass it as the expected version of the next commit).</param>
/// <param name="Position">The snapshot position for the snapshot policy.</param>
/// <param name="Outcome">Whether recovery had to skip damaged snapshots.</param>
/// <param name="Problems">What was skipped and why, for logs and operators.</param>
public sealed record RecoveredGame(GameSnapshot Snapshot, long Version, StreamPosition Position, RecoveryOutcome Outcome, IReadOnlyList<string> Problems);
