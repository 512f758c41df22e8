namespace Statecraft.Persistence.Policies;

/// <summary>Why a snapshot is written with a commit.</summary>
public enum SnapshotReason
{
    /// <summary>Snapshot-only persistence writes one on every commit.</summary>
    EveryCommit,

    /// <summary>Enough events have been appended since the last snapshot.</summary>
    EventCount,

    /// <summary>Enough time has passed since the last snapshot.</summary>
    Interval,

    /// <summary>The commit changed the game's phase.</summary>
    PhaseChange,

    /// <summary>The game is being deactivated.</summary>
    Deactivation,

    /// <summary>Persistence was switched back on and storage must catch up with the live state.</summary>
    CatchUp,
}
