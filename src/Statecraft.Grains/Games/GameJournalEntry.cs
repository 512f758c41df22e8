using Statecraft.Engine.Events;

namespace Statecraft.Grains.Games;

/// <summary>
/// One journaled event of a game grain: the event, the command that caused it, and the game version it produces.
/// The version makes folding idempotent: an entry that is already part of the state is skipped.
/// </summary>
public sealed class GameJournalEntry(Guid commandId, long version, GameEvent @event, ulong commandFingerprint = 0)
{
    /// <summary>The command that caused the event.</summary>
    public Guid CommandId { get; } = commandId;

    /// <summary>What the command asked for (see <c>CommandFingerprint</c>), stored with the event.</summary>
    public ulong CommandFingerprint { get; } = commandFingerprint;

    /// <summary>The game version after this event.</summary>
    public long Version { get; } = version;

    /// <summary>The event.</summary>
    public GameEvent Event { get; } = @event;
}
