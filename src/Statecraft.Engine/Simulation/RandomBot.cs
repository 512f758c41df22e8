using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;

namespace Statecraft.Engine.Simulation;

/// <summary>
/// A player that picks uniformly among its legal moves. Used by the demo, the load generator, benchmarks and
/// property tests; it relies only on <see cref="GameDecider.LegalMoves"/>, so it plays every ruleset.
/// </summary>
public static class RandomBot
{
    /// <summary>A random legal move for <paramref name="playerId"/>, or null when the player has none.</summary>
    public static Move? ChooseMove(GameDecider decider, GameState state, string playerId, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentNullException.ThrowIfNull(random);
        var moves = decider.LegalMoves(state, playerId);
        return moves.Count == 0 ? null : moves[random.Next(moves.Count)];
    }

    /// <summary>The seated players that have a legal move now.</summary>
    public static IEnumerable<string> PlayersToMove(GameDecider decider, GameState state)
    {
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentNullException.ThrowIfNull(state);
        return state.Players.Where(player => decider.LegalMoves(state, player).Count > 0);
    }
}
