using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Events;

namespace Statecraft.Engine.Simulation;

/// <summary>One accepted command and the state it was decided on.</summary>
public sealed record PlayedStep(GameState Before, GameCommand Command, EquatableArray<GameEvent> Events);

/// <summary>A game played from creation to its end (or the step limit) by <see cref="RandomBot"/> players.</summary>
public sealed record PlayedGame(GameState Final, IReadOnlyList<PlayedStep> Steps)
{
    /// <summary>Every event recorded, in order.</summary>
    public IEnumerable<GameEvent> Events => Steps.SelectMany(step => step.Events);
}

/// <summary>
/// Plays whole games with random legal moves, deterministically from a seed: the same seed yields the same game.
/// Command ids and times come from the seed too, so the result can be replayed and compared.
/// </summary>
public sealed class SelfPlay(GameDecider decider, ulong seed)
{
    private readonly DeterministicRandom _random = new(seed);
    private DateTimeOffset _clock = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Creates a game, seats <paramref name="players"/>, starts it and plays until it ends or <paramref name="maxMoves"/> moves were made.</summary>
    public PlayedGame Play(string gameId, string rulesetId, GameOptions options, IReadOnlyList<string> players, int maxMoves)
    {
        ArgumentNullException.ThrowIfNull(players);
        var steps = new List<PlayedStep>();
        var state = GameDecider.Initial(gameId);
        state = Apply(state, Command(players[0], new CreateGame(rulesetId, options)), steps);
        foreach (var player in players)
        {
            state = Apply(state, Command(player, new JoinGame()), steps);
        }

        state = Apply(state, Command(players[0], new StartGame()), steps);
        for (var moves = 0; moves < maxMoves && !state.Phase.IsTerminal; moves++)
        {
            var candidates = RandomBot.PlayersToMove(decider, state).ToList();
            if (candidates.Count == 0)
            {
                break;
            }

            var player = candidates[_random.Next(candidates.Count)];
            var move = RandomBot.ChooseMove(decider, state, player, _random)!;
            state = Apply(state, Command(player, new MakeMove(move)), steps);
        }

        return new PlayedGame(state, steps);
    }

    /// <summary>
    /// A new command with a seed-derived id, issued one second after the previous one. The id is shaped as a random
    /// (version 4) UUID, as a client's is, so a recorded game can be replayed through a game grain, which refuses ids
    /// in the range kept for the cluster's own commands.
    /// </summary>
    public GameCommand Command(string playerId, GameAction action)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, _random.NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], _random.NextUInt64());
        // Guid's byte order: the version is the high nibble of byte 7, the RFC 4122 variant the top bits of byte 8.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        _clock = _clock.AddSeconds(1);
        return new GameCommand(new Guid(bytes), playerId, _clock, action);
    }

    private GameState Apply(GameState state, GameCommand command, List<PlayedStep> steps)
    {
        var decision = decider.Decide(state, command);
        if (!decision.IsAccepted)
        {
            throw new InvalidOperationException($"Self-play produced a refused command {command.Action} by {command.PlayerId}: {decision.Rejection}");
        }

        steps.Add(new PlayedStep(state, command, decision.Events));
        return decider.Fold(state, decision.Events);
    }
}
