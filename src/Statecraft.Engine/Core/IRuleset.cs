using Statecraft.Abstractions.Games;
using Statecraft.Engine.Events;

namespace Statecraft.Engine.Core;

/// <summary>
/// The rules of one game. <see cref="GameDecider"/> handles what every game shares (creation, seats, start,
/// abandon, turn deadlines, versions) and delegates the rest here. Implementations must be pure and deterministic
/// and must not throw for bad input: they return rejections.
/// </summary>
public interface IRuleset
{
    /// <summary>The stable id stored with every game, for example <c>tictactoe</c>.</summary>
    string Id { get; }

    /// <summary>The fewest players the game can start with.</summary>
    int MinPlayers { get; }

    /// <summary>The most players the configured game seats.</summary>
    int MaxPlayers(GameState state);

    /// <summary>Validates the options of a new game and builds the initial ruleset state from them.</summary>
    Result<RulesState> Configure(GameOptions options);

    /// <summary>Events that follow <see cref="GameStarted"/> (for example the first deal), decided on the lobby state.</summary>
    Decision Start(GameState lobby, DecisionContext context);

    /// <summary>Decides a ruleset move by a seated player in a started, unfinished game.</summary>
    Decision DecideMove(GameState state, Move move, DecisionContext context);

    /// <summary>
    /// Applies an event to the ruleset's part of the state. Called for every event after the shared envelope was
    /// updated; events the ruleset does not know must return the state unchanged.
    /// </summary>
    /// <remarks>
    /// The boundary: a ruleset changes its <see cref="GameState.Body"/> and, of the shared envelope, only
    /// <see cref="GameState.Phase"/> (among its own in-play phases, never to a terminal one: finishing is the
    /// <c>GameFinished</c> event), <see cref="GameState.Turn"/> and <see cref="GameState.Round"/>. Players, version,
    /// times, the turn deadline and the result belong to <see cref="GameDecider"/>.
    /// </remarks>
    GameState Evolve(GameState state, GameEvent gameEvent);

    /// <summary>Every move <paramref name="playerId"/> may make now (empty when it is not their turn).</summary>
    IReadOnlyList<Move> LegalMoves(GameState state, string playerId);

    /// <summary>The move a turn timer plays for an idle player, or null when the player has nothing to do.</summary>
    Move? DefaultMove(GameState state, string playerId);

    /// <summary>The ruleset-specific part of a view, with information hidden from <paramref name="viewer"/> removed.</summary>
    RulesetDetails Details(GameState state, string? viewer);

    /// <summary>Adds a violation for each broken ruleset invariant.</summary>
    void Validate(GameState state, ICollection<InvariantViolation> violations);
}
