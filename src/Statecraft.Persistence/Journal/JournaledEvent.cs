using Statecraft.Engine.Events;

namespace Statecraft.Persistence.Journal;

/// <summary>An event together with the command that caused it; the command id is stored with the event.</summary>
public sealed record JournaledEvent(Guid CommandId, GameEvent Event);
