using Statecraft.Abstractions.Games;
using Statecraft.Engine.Events;

namespace Statecraft.Engine.Core;

public sealed partial class GameDecider
{
    /// <summary>
    /// Folds one event into the state: shared envelope changes first, then the ruleset's, then the version and the
    /// turn deadline. Total for every event <see cref="Decide"/> can produce; it decides nothing.
    /// </summary>
    public GameState Evolve(GameState state, GameEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        var next = @event switch
        {
            GameCreated created => Created(state, created),
            PlayerJoined joined => state with { Players = state.Players.Add(joined.PlayerId) },
            PlayerLeft left => state with { Players = state.Players.Remove(left.PlayerId) },
            GameAbandoned => state with { Phase = GamePhase.Abandoned, Turn = null, Result = new GameResult { Reason = "abandoned" } },
            GameFinished finished => state with
            {
                Phase = GamePhase.Finished,
                Turn = null,
                Result = new GameResult
                {
                    Winners = finished.Winners.AsImmutableArray(),
                    Scores = finished.Scores.AsImmutableArray(),
                    Reason = finished.Reason,
                },
            },
            _ => state,
        };

        next = RulesetOf(next).Evolve(next, @event);
        var deadline = next.Turn is not null && !next.Phase.IsTerminal && next.Options.TurnTimeout is { } timeout
            ? @event.At + timeout
            : (DateTimeOffset?)null;
        return next with { Version = state.Version + 1, UpdatedAt = @event.At, TurnDeadline = deadline };
    }

    private GameState Created(GameState state, GameCreated created)
    {
        var ruleset = Rulesets.TryGet(created.RulesetId, out var found)
            ? found
            : throw new InvalidOperationException($"Game {state.GameId} was created with ruleset '{created.RulesetId}', which is not registered.");
        var body = ruleset.Configure(created.Options);
        if (!body.IsSuccess)
        {
            throw new InvalidOperationException($"Game {state.GameId} was recorded with options its ruleset now refuses: {body.Rejection}");
        }

        return state with
        {
            RulesetId = ruleset.Id,
            Options = created.Options,
            Phase = GamePhase.Lobby,
            CreatedAt = created.At,
            Body = body.Value,
        };
    }
}
