namespace Statecraft.Persistence.Records;

/// <summary>One event of a game's stream: its version (1-based), the command that caused it, and when.</summary>
public sealed record EventRecord(long Version, Guid CommandId, DateTimeOffset At, EncodedPayload Payload);
