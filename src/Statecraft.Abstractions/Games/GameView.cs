using System.Collections.Immutable;

namespace Statecraft.Abstractions.Games;

/// <summary>
/// What one player (or a spectator) may see of a game: the shared envelope plus ruleset-specific
/// <see cref="Details"/> as JSON, with hidden information (other players' hands) already removed.
/// </summary>
[GenerateSerializer, Immutable, Alias("statecraft.GameView")]
public sealed record GameView
{
    /// <summary>The game id.</summary>
    [Id(0)] public required string GameId { get; init; }
    /// <summary>The ruleset id, for example <c>tictactoe</c> or <c>oh-hell</c>.</summary>
    [Id(1)] public required string RulesetId { get; init; }
    /// <summary>The current phase.</summary>
    [Id(2)] public required GamePhase Phase { get; init; }
    /// <summary>Seated players in seat order.</summary>
    [Id(3)] public required ImmutableArray<string> Players { get; init; }
    /// <summary>The player whose turn it is, if any.</summary>
    [Id(4)] public string? Turn { get; init; }
    /// <summary>The round number (1-based once play starts, 0 in the lobby).</summary>
    [Id(5)] public int Round { get; init; }
    /// <summary>How many events the game has recorded.</summary>
    [Id(6)] public long Version { get; init; }
    /// <summary>When the current turn times out, if the game has a turn timer.</summary>
    [Id(7)] public DateTimeOffset? TurnDeadline { get; init; }
    /// <summary>The outcome once the game is over.</summary>
    [Id(8)] public GameResult? Result { get; init; }
    /// <summary>The moves the viewing player may make now.</summary>
    [Id(9)] public ImmutableArray<Move> LegalMoves { get; init; } = [];
    /// <summary>Ruleset-specific public and private information as a JSON object.</summary>
    [Id(10)] public required string Details { get; init; }
    /// <summary>The viewing player, or null for a spectator.</summary>
    [Id(11)] public string? Viewer { get; init; }
}
