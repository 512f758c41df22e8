using Statecraft.Abstractions.Games;

namespace Statecraft.Engine.Core;

/// <summary>
/// A game's full state: the envelope every ruleset shares plus the ruleset's own <see cref="Body"/>.
/// Immutable; produced only by folding events with <see cref="GameDecider.Evolve"/>.
/// </summary>
public sealed record GameState
{
    /// <summary>The game id.</summary>
    public required string GameId { get; init; }

    /// <summary>The ruleset id; empty until the game is created.</summary>
    public string RulesetId { get; init; } = string.Empty;

    /// <summary>The current phase.</summary>
    public GamePhase Phase { get; init; } = GamePhase.NotCreated;

    /// <summary>Seated players in seat order; seat 0 is the host.</summary>
    public EquatableArray<string> Players { get; init; } = [];

    /// <summary>The player whose turn it is, if any.</summary>
    public string? Turn { get; init; }

    /// <summary>The round number: 0 in the lobby, 1-based once play starts.</summary>
    public int Round { get; init; }

    /// <summary>The number of events folded into this state.</summary>
    public long Version { get; init; }

    /// <summary>When the current turn times out, when the game has a turn timer.</summary>
    public DateTimeOffset? TurnDeadline { get; init; }

    /// <summary>The outcome once the game is over.</summary>
    public GameResult? Result { get; init; }

    /// <summary>The options the game was created with.</summary>
    public GameOptions Options { get; init; } = GameOptions.Default;

    /// <summary>When the game was created (the creating command's time).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the last event happened.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The ruleset-specific state; null until the game is created.</summary>
    public RulesState? Body { get; init; }

    /// <summary>The state of a game id under which nothing has been created.</summary>
    public static GameState Empty(string gameId) => new() { GameId = gameId };

    /// <summary>The seat of <paramref name="playerId"/>, or -1 when not seated.</summary>
    public int SeatOf(string? playerId) => playerId is null ? -1 : Players.IndexOf(playerId);
}
