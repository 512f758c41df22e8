using Statecraft.Engine.Events;

namespace Statecraft.Persistence.Journal;

/// <summary>
/// An event together with the command that caused it; the command id and the command's fingerprint (what it asked
/// for, see <c>CommandFingerprint</c>; 0 when unknown) are stored with the event.
/// </summary>
public sealed record JournaledEvent(Guid CommandId, GameEvent Event, ulong CommandFingerprint = 0);
