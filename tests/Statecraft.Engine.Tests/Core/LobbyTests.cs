using Statecraft.Abstractions.Games;
using Statecraft.Engine.Events;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Engine.Tests.Support;

namespace Statecraft.Engine.Tests.Core;

public sealed class LobbyTests
{
    [Fact]
    public void Create_puts_the_game_in_the_lobby_at_version_one()
    {
        var table = Table.Created(TicTacToeRules.RulesetId);
        Assert.Equal(GamePhase.Lobby, table.State.Phase);
        Assert.Equal(1, table.State.Version);
        Assert.Equal(TicTacToeRules.RulesetId, table.State.RulesetId);
        Assert.IsType<GameCreated>(Assert.Single(table.Journal));
    }

    [Fact]
    public void Commands_before_creation_are_refused_as_game_not_found()
    {
        var table = new Table();
        table.Reject("alice", new JoinGame(), RejectionCode.GameNotFound);
        table.Reject("alice", new MakeMove(TicTacToeRules.Place(0)), RejectionCode.GameNotFound);
    }

    [Fact]
    public void Creating_twice_is_refused()
    {
        var table = Table.Created(TicTacToeRules.RulesetId);
        table.Reject("bob", new CreateGame(OhHellRules.RulesetId, GameOptions.Default), RejectionCode.GameAlreadyExists);
    }

    [Fact]
    public void Unknown_ruleset_and_bad_options_are_refused()
    {
        var table = new Table();
        table.Reject("alice", new CreateGame("chess", GameOptions.Default), RejectionCode.UnknownRuleset);
        table.Reject("alice", new CreateGame(TicTacToeRules.RulesetId, GameOptions.With(("size", "4"))), RejectionCode.InvalidOptions);
        table.Reject("alice", new CreateGame(TicTacToeRules.RulesetId, new GameOptions { TurnTimeout = TimeSpan.Zero }), RejectionCode.InvalidOptions);
        Assert.Equal(GamePhase.NotCreated, table.State.Phase);
    }

    [Fact]
    public void Seats_fill_in_join_order_and_a_full_game_refuses_more()
    {
        var table = Table.Created(TicTacToeRules.RulesetId, null, "alice", "bob");
        Assert.Equal(["alice", "bob"], table.State.Players);
        table.Reject("carol", new JoinGame(), RejectionCode.GameFull);
        table.Reject("alice", new JoinGame(), RejectionCode.AlreadyJoined);
    }

    [Fact]
    public void Leaving_the_lobby_frees_the_seat_and_the_next_player_becomes_host()
    {
        var table = Table.Created(TicTacToeRules.RulesetId, null, "alice", "bob");
        table.Accept("alice", new LeaveGame());
        Assert.Equal(["bob"], table.State.Players);
        table.Accept("carol", new JoinGame());
        table.Reject("carol", new StartGame(), RejectionCode.NotHost);
        table.Accept("bob", new StartGame());
        Assert.Equal("bob", table.State.Turn);
    }

    [Fact]
    public void Start_needs_the_host_a_seat_and_enough_players()
    {
        var table = Table.Created(OhHellRules.RulesetId, null, "a", "b");
        table.Reject("zed", new StartGame(), RejectionCode.UnknownPlayer);
        table.Reject("b", new StartGame(), RejectionCode.NotHost);
        table.Reject("a", new StartGame(), RejectionCode.NotEnoughPlayers);
        table.Accept("c", new JoinGame());
        table.Accept("a", new StartGame());
        Assert.Equal(GamePhase.Bidding, table.State.Phase);
    }

    [Fact]
    public void Seats_are_fixed_once_started()
    {
        var table = Table.Started(TicTacToeRules.RulesetId, null, "alice", "bob");
        table.Reject("carol", new JoinGame(), RejectionCode.GameInProgress);
        table.Reject("bob", new LeaveGame(), RejectionCode.GameInProgress);
        table.Reject("alice", new StartGame(), RejectionCode.WrongPhase);
    }

    [Fact]
    public void Moves_in_the_lobby_are_refused()
    {
        var table = Table.Created(TicTacToeRules.RulesetId, null, "alice", "bob");
        table.RejectMove("alice", TicTacToeRules.Place(0), RejectionCode.WrongPhase);
    }

    [Fact]
    public void Abandon_ends_the_game_and_nothing_is_accepted_after()
    {
        var table = Table.Started(TicTacToeRules.RulesetId, null, "alice", "bob");
        table.Reject("mallory", new AbandonGame("bored"), RejectionCode.UnknownPlayer);
        table.Accept("bob", new AbandonGame("connection lost"));
        Assert.Equal(GamePhase.Abandoned, table.State.Phase);
        Assert.Null(table.State.Turn);
        Assert.Equal("abandoned", table.State.Result!.Reason);
        table.RejectMove("alice", TicTacToeRules.Place(0), RejectionCode.GameOver);
        table.Reject("alice", new AbandonGame("again"), RejectionCode.GameOver);
    }

    [Fact]
    public void Malformed_envelopes_are_refused()
    {
        var table = Table.Started(TicTacToeRules.RulesetId, null, "alice", "bob");
        var good = table.Command("alice", new MakeMove(TicTacToeRules.Place(0)));
        foreach (var bad in new[]
        {
            good with { CommandId = Guid.Empty },
            good with { Action = null! },
            good with { Action = new MakeMove(null!) },
            good with { Action = new MakeMove(new Move("")) },
            good with { Action = new MakeMove(new Move("place", new string('1', 257))) },
            good with { Action = new AbandonGame(new string('r', 257)) },
        })
        {
            var decision = table.Send(bad);
            Assert.Equal(RejectionCode.MalformedCommand, decision.Rejection?.Code);
        }

        foreach (var player in new[] { "", "   ", new string('p', 65), "nul\0", "line\nbreak", "zero\u200Bwidth", "\uD800lone" })
        {
            Assert.Equal(RejectionCode.InvalidPlayerId, table.Send(good with { PlayerId = player }).Rejection?.Code);
        }

        Assert.Equal(RejectionCode.MalformedCommand, table.Decider.Decide(table.State, null!).Rejection?.Code);
        Assert.DoesNotContain(table.Journal, e => e is Rulesets.TicTacToe.MarkPlaced);
        Assert.Equal(TicTacToeRules.Place(4), table.Decider.DefaultMove(table.State, "alice"));
    }

    [Fact]
    public void Events_carry_the_command_time_and_versions_count_events()
    {
        var table = Table.Started(TicTacToeRules.RulesetId, null, "alice", "bob");
        var command = table.Command("alice", new MakeMove(TicTacToeRules.Place(4)));
        var before = table.State.Version;
        var decision = table.Send(command);
        Assert.All(decision.Events, e => Assert.Equal(command.IssuedAt, e.At));
        Assert.Equal(before + decision.Events.Count, table.State.Version);
        Assert.Equal(table.Journal.Count, table.State.Version);
        Assert.Equal(command.IssuedAt, table.State.UpdatedAt);
    }

    [Fact]
    public void Turn_deadline_follows_the_timeout_from_the_last_event()
    {
        var options = new GameOptions { TurnTimeout = TimeSpan.FromSeconds(30) };
        var table = Table.Created(TicTacToeRules.RulesetId, options, "alice", "bob");
        Assert.Null(table.State.TurnDeadline);
        var start = table.Command("alice", new StartGame());
        table.Send(start);
        Assert.Equal(start.IssuedAt + TimeSpan.FromSeconds(30), table.State.TurnDeadline);
        var move = table.Command("alice", new MakeMove(TicTacToeRules.Place(4)));
        table.Send(move);
        Assert.Equal(move.IssuedAt + TimeSpan.FromSeconds(30), table.State.TurnDeadline);
        table.Accept("bob", new AbandonGame("done"));
        Assert.Null(table.State.TurnDeadline);
    }
}
