using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Events;
using Statecraft.Engine.Rulesets.TicTacToe;

namespace Statecraft.Grains.Tests.Cluster;

/// <summary>
/// Tic-tac-toe with a rules defect planted on purpose: the move <c>cheat</c> places two marks at once, which breaks
/// the alternation invariant. It stands for a bug in a real ruleset, which the grain must refuse rather than store.
/// </summary>
internal sealed class FaultyRuleset : IRuleset
{
    public const string RulesetId = "faulty-tictactoe";

    public static readonly Move Cheat = new("cheat");

    private readonly TicTacToeRules _inner = new();

    public string Id => RulesetId;

    public int MinPlayers => _inner.MinPlayers;

    public int MaxPlayers(GameState state) => _inner.MaxPlayers(state);

    public Result<RulesState> Configure(GameOptions options) => _inner.Configure(options);

    public Decision Start(GameState lobby, DecisionContext context) => _inner.Start(lobby, context);

    public Decision DecideMove(GameState state, Move move, DecisionContext context) =>
        move.Kind == Cheat.Kind
            ? Decision.Accept(new MarkPlaced(context.PlayerId, 0), new MarkPlaced(context.PlayerId, 1))
            : _inner.DecideMove(state, move, context);

    public GameState Evolve(GameState state, GameEvent gameEvent) => _inner.Evolve(state, gameEvent);

    public IReadOnlyList<Move> LegalMoves(GameState state, string playerId) => _inner.LegalMoves(state, playerId);

    public Move? DefaultMove(GameState state, string playerId) => _inner.DefaultMove(state, playerId);

    public RulesetDetails Details(GameState state, string? viewer) => _inner.Details(state, viewer);

    public void Validate(GameState state, ICollection<InvariantViolation> violations) => _inner.Validate(state, violations);
}
