namespace Statecraft.Persistence.Journal;

/// <summary>How a game was recovered.</summary>
public enum RecoveryOutcome
{
    /// <summary>From the newest snapshot (if any) and the events after it.</summary>
    Clean,

    /// <summary>The newest snapshot was damaged or unreadable; an older one and more events were used instead.</summary>
    FellBack,
}
