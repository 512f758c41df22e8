namespace Statecraft.Engine.Events;

/// <summary>
/// A fact recorded in a game's journal. <see cref="At"/> is the time of the command that caused it, so folding
/// events never consults a clock.
/// </summary>
public abstract record GameEvent
{
    /// <summary>When the command that caused this event was issued.</summary>
    public DateTimeOffset At { get; init; }
}
