namespace Statecraft.Persistence.Policies;

/// <summary>How a game's changes reach storage.</summary>
public enum PersistenceStrategy
{
    /// <summary>Append events on every commit and snapshot from time to time (the default).</summary>
    Hybrid = 0,

    /// <summary>Write only the latest state on every commit; no history is kept.</summary>
    SnapshotOnly = 1,

    /// <summary>Append events only; recovery replays the whole history.</summary>
    EventSourced = 2,
}
