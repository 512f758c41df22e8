namespace Statecraft.Persistence.Records;

/// <summary>The state of a game after <see cref="Version"/> events.</summary>
public sealed record SnapshotRecord(long Version, DateTimeOffset At, EncodedPayload Payload);
