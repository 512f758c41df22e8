using Statecraft.Abstractions.Games;
using Statecraft.Engine.Events;

namespace Statecraft.Engine.Core;

/// <summary>
/// The decider for every game: <see cref="Decide"/> turns a command into events (or a rejection) and
/// <see cref="Evolve"/> folds an event into the state. It owns what all games share — creation, seats, start,
/// abandonment, versions and turn deadlines — and routes the rest to the game's <see cref="IRuleset"/>.
/// Pure and deterministic: no clock, no I/O, no exceptions for bad input.
/// </summary>
public sealed partial class GameDecider(RulesetRegistry rulesets)
{
    /// <summary>A decider over the rulesets that ship with Statecraft.</summary>
    public static GameDecider Default { get; } = new(RulesetRegistry.Default);

    /// <summary>The registered rulesets.</summary>
    public RulesetRegistry Rulesets { get; } = rulesets;

    /// <summary>The state of a game id before anything happened to it.</summary>
    public static GameState Initial(string gameId) => GameState.Empty(gameId);

    /// <summary>Folds <paramref name="events"/> into <paramref name="state"/> in order.</summary>
    public GameState Fold(GameState state, IEnumerable<GameEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var @event in events)
        {
            state = Evolve(state, @event);
        }

        return state;
    }

    /// <summary>Decides <paramref name="command"/> and folds the resulting events: the state after the command, or the rejection.</summary>
    public (GameState State, Decision Decision) Execute(GameState state, GameCommand command)
    {
        var decision = Decide(state, command);
        return decision.IsAccepted ? (Fold(state, decision.Events), decision) : (state, decision);
    }

    private IRuleset RulesetOf(GameState state) =>
        Rulesets.TryGet(state.RulesetId, out var ruleset)
            ? ruleset
            : throw new InvalidOperationException($"Game {state.GameId} uses ruleset '{state.RulesetId}', which is not registered.");
}
