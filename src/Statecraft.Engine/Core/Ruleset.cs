using Statecraft.Abstractions.Games;
using Statecraft.Engine.Events;

namespace Statecraft.Engine.Core;

/// <summary>Base class for rulesets whose state is <typeparamref name="TBody"/>; does the casting once.</summary>
public abstract class Ruleset<TBody> : IRuleset
    where TBody : RulesState
{
    /// <inheritdoc />
    public abstract string Id { get; }

    /// <inheritdoc />
    public abstract int MinPlayers { get; }

    /// <inheritdoc />
    public int MaxPlayers(GameState state) => MaxPlayers(BodyOf(state));

    /// <summary>The most players the configured game seats.</summary>
    protected abstract int MaxPlayers(TBody body);

    /// <inheritdoc />
    public Result<RulesState> Configure(GameOptions options)
    {
        var result = ConfigureBody(options);
        return result.IsSuccess ? result.Value : result.Rejection;
    }

    /// <summary>Validates settings and builds the initial body.</summary>
    protected abstract Result<TBody> ConfigureBody(GameOptions options);

    /// <inheritdoc />
    public Decision Start(GameState lobby, DecisionContext context) => Start(lobby, BodyOf(lobby), context);

    /// <summary>Events that follow <see cref="GameStarted"/>.</summary>
    protected abstract Decision Start(GameState lobby, TBody body, DecisionContext context);

    /// <inheritdoc />
    public Decision DecideMove(GameState state, Move move, DecisionContext context) => DecideMove(state, BodyOf(state), move, context);

    /// <summary>Decides a ruleset move.</summary>
    protected abstract Decision DecideMove(GameState state, TBody body, Move move, DecisionContext context);

    /// <inheritdoc />
    public GameState Evolve(GameState state, GameEvent gameEvent) => Evolve(state, BodyOf(state), gameEvent);

    /// <summary>Applies an event to the body (and envelope fields the ruleset owns: phase, turn, round).</summary>
    protected abstract GameState Evolve(GameState state, TBody body, GameEvent gameEvent);

    /// <inheritdoc />
    public IReadOnlyList<Move> LegalMoves(GameState state, string playerId) => LegalMoves(state, BodyOf(state), playerId);

    /// <summary>Every move the player may make now.</summary>
    protected abstract IReadOnlyList<Move> LegalMoves(GameState state, TBody body, string playerId);

    /// <inheritdoc />
    public Move? DefaultMove(GameState state, string playerId) => DefaultMove(state, BodyOf(state), playerId);

    /// <summary>The move a turn timer plays for an idle player.</summary>
    protected abstract Move? DefaultMove(GameState state, TBody body, string playerId);

    /// <inheritdoc />
    public RulesetDetails Details(GameState state, string? viewer) => Details(state, BodyOf(state), viewer);

    /// <summary>The ruleset part of a player's view.</summary>
    protected abstract RulesetDetails Details(GameState state, TBody body, string? viewer);

    /// <inheritdoc />
    public void Validate(GameState state, ICollection<InvariantViolation> violations)
    {
        if (state.Body is not TBody body)
        {
            violations.Add(new InvariantViolation("body-type", $"expected {typeof(TBody).Name}, found {state.Body?.GetType().Name ?? "nothing"}"));
            return;
        }

        Validate(state, body, violations);
    }

    /// <summary>Adds a violation for each broken ruleset invariant.</summary>
    protected abstract void Validate(GameState state, TBody body, ICollection<InvariantViolation> violations);

    private static TBody BodyOf(GameState state) =>
        state.Body as TBody ?? throw new InvalidOperationException($"Game {state.GameId} has no {typeof(TBody).Name}; the decider must not route it here.");
}
