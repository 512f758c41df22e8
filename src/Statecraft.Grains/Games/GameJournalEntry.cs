using Statecraft.Engine.Events;

namespace Statecraft.Grains.Games;

/// <summary>
/// One journaled event of a game grain: the event, the command that caused it, and the game version it produces.
/// The version makes folding idempotent: an entry that is already part of the state is skipped.
/// </summary>
public sealed class GameJournalEntry(Guid commandId, long version, GameEvent @event)
{
    /// <summary>The command that caused the event.</summary>
    public Guid CommandId { get; } = commandId;

    /// <summary>The game version after this event.</summary>
    public long Version { get; } = version;

    /// <summary>The event.</summary>
    public GameEvent Event { get; } = @event;
}
