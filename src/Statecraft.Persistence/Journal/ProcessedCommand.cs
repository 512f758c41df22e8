namespace Statecraft.Persistence.Journal;

/// <summary>A command the game has applied and the stream version it produced; kept to answer retries idempotently.</summary>
public sealed record ProcessedCommand(Guid CommandId, long Version);
