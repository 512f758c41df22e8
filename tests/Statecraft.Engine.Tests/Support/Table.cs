using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Events;
using Statecraft.Engine.Simulation;

namespace Statecraft.Engine.Tests.Support;

/// <summary>A game under test: sends commands through the real decider and keeps the state and the journal.</summary>
internal sealed class Table(string gameId = "g1", ulong seed = 7)
{
    private readonly SelfPlay _commands = new(GameDecider.Default, seed);

    public GameDecider Decider { get; } = GameDecider.Default;

    public GameState State { get; private set; } = GameDecider.Initial(gameId);

    public List<GameEvent> Journal { get; } = [];

    public static Table Created(string rulesetId, GameOptions? options = null, params string[] players)
    {
        var table = new Table();
        table.Accept(players.Length > 0 ? players[0] : "host", new CreateGame(rulesetId, options ?? GameOptions.Default));
        foreach (var player in players)
        {
            table.Accept(player, new JoinGame());
        }

        return table;
    }

    public static Table Started(string rulesetId, GameOptions? options = null, params string[] players)
    {
        var table = Created(rulesetId, options, players);
        table.Accept(players[0], new StartGame());
        return table;
    }

    public GameCommand Command(string player, GameAction action) => _commands.Command(player, action);

    public Decision Send(string player, GameAction action) => Send(Command(player, action));

    public Decision Send(GameCommand command)
    {
        var decision = Decider.Decide(State, command);
        if (decision.IsAccepted)
        {
            Record(decision.Events);
        }

        return decision;
    }

    public Decision Move(string player, Move move) => Send(player, new MakeMove(move));

    public IReadOnlyList<GameEvent> Accept(string player, GameAction action)
    {
        var decision = Send(player, action);
        Assert.True(decision.IsAccepted, $"expected {action} by {player} to be accepted, got {decision.Rejection}");
        return decision.Events;
    }

    public IReadOnlyList<GameEvent> AcceptMove(string player, Move move) => Accept(player, new MakeMove(move));

    public Rejection Reject(string player, GameAction action, RejectionCode expected)
    {
        var before = State;
        var decision = Send(player, action);
        Assert.False(decision.IsAccepted, $"expected {action} by {player} to be refused with {expected}");
        Assert.Equal(expected, decision.Rejection!.Code);
        Assert.False(string.IsNullOrWhiteSpace(decision.Rejection.Message));
        Assert.Same(before, State);
        return decision.Rejection;
    }

    public Rejection RejectMove(string player, Move move, RejectionCode expected) => Reject(player, new MakeMove(move), expected);

    /// <summary>Folds hand-made events (for example a chosen deal), as recovery would.</summary>
    public void Record(IEnumerable<GameEvent> events)
    {
        foreach (var e in events)
        {
            State = Decider.Evolve(State, e);
            Journal.Add(e);
            Assert.Empty(Decider.Validate(State));
        }
    }
}
