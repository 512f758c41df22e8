namespace Statecraft.Persistence.Records;

/// <summary>
/// What a store knows about a game without decoding it: written with every append, used for listing, operators,
/// backups and retention. <see cref="FinishedAt"/> is set once the game is over (finished or abandoned).
/// </summary>
public sealed record GameHeader(string GameId, string RulesetId, string Phase, long Version, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt)
{
    /// <summary>True once the game accepts no more commands.</summary>
    public bool IsFinished => FinishedAt is not null;
}
