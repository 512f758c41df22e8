namespace Statecraft.Abstractions.Games;

/// <summary>
/// A request from a player. <see cref="CommandId"/> makes retries idempotent and seeds any randomness the command
/// causes (a shuffle), so replaying recorded events never re-rolls. <see cref="IssuedAt"/> is the only clock the
/// rules see: the cluster stamps it when the command arrives.
/// </summary>
[GenerateSerializer, Immutable, Alias("statecraft.GameCommand")]
public sealed record GameCommand(
    [property: Id(0)] Guid CommandId,
    [property: Id(1)] string PlayerId,
    [property: Id(2)] DateTimeOffset IssuedAt,
    [property: Id(3)] GameAction Action);
