namespace Statecraft.Persistence.Records;

/// <summary>
/// One event of a game's stream: its version (1-based), the command that caused it, when, and the command's
/// fingerprint (what it asked for, so a reused command id can be told from a retry after recovery; 0 for events
/// written before fingerprints were kept).
/// </summary>
public sealed record EventRecord(long Version, Guid CommandId, DateTimeOffset At, EncodedPayload Payload, ulong CommandFingerprint = 0);
