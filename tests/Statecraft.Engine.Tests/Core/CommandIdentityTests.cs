using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;

namespace Statecraft.Engine.Tests.Core;

/// <summary>Command ids as idempotency keys: fingerprints tell a retry from a reuse; the cluster's own ids are a reserved range.</summary>
public sealed class CommandIdentityTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_request_has_the_same_fingerprint_whatever_its_time()
    {
        var first = new GameCommand(Id, "x", At, new MakeMove(new Move("place", "4")));
        var retry = first with { IssuedAt = At.AddMinutes(5) };

        Assert.Equal(CommandFingerprint.Of(first), CommandFingerprint.Of(retry));
        Assert.NotEqual(0UL, CommandFingerprint.Of(first));
    }

    [Fact]
    public void A_different_player_action_or_payload_changes_the_fingerprint()
    {
        GameAction[] actions =
        [
            new JoinGame(), new LeaveGame(), new StartGame(), new AbandonGame("a"), new AbandonGame("b"),
            new MakeMove(new Move("place", "4")), new MakeMove(new Move("place", "5")), new MakeMove(new Move("place")),
            new MakeMove(new Move("place", "")), new CreateGame("tictactoe", GameOptions.Default),
            new CreateGame("tictactoe", new GameOptions { TurnTimeout = TimeSpan.FromSeconds(5) }),
            new CreateGame("oh-hell", GameOptions.With(("hook", "false"))), new CreateGame("oh-hell", GameOptions.With(("hook", "true"))),
        ];
        var fingerprints = actions.SelectMany(action => new[] { "x", "o" }.Select(player => CommandFingerprint.Of(new GameCommand(Id, player, At, action)))).ToList();

        Assert.Equal(fingerprints.Count, fingerprints.Distinct().Count());
    }

    [Fact]
    public void Self_play_issues_random_version_4_ids_never_in_the_cluster_range_so_its_games_replay_through_a_grain()
    {
        var played = new Simulation.SelfPlay(GameDecider.Default, 7).Play("g", "oh-hell", GameOptions.Default, ["a", "b", "c", "d"], 10_000);

        Assert.True(played.Steps.Count > 100, $"a whole Oh Hell game has many commands, this one {played.Steps.Count}");
        Assert.All(played.Steps, step => Assert.Equal(4, step.Command.CommandId.Version));
        Assert.DoesNotContain(played.Steps, step => CommandIds.IsReservedForCluster(step.Command.CommandId));
        Assert.Equal(played.Steps.Count, played.Steps.Select(step => step.Command.CommandId).Distinct().Count());
    }

    [Fact]
    public void An_unrecorded_fingerprint_matches_anything()
    {
        Assert.True(CommandFingerprint.Matches(0, 42));
        Assert.True(CommandFingerprint.Matches(42, 42));
        Assert.False(CommandFingerprint.Matches(41, 42));
    }

    [Fact]
    public void Cluster_ids_are_deterministic_version_8_and_never_collide_with_client_ids()
    {
        var timer = CommandIds.ForCluster("turn-timeout:g1:12");

        Assert.Equal(timer, CommandIds.ForCluster("turn-timeout:g1:12"));
        Assert.NotEqual(timer, CommandIds.ForCluster("turn-timeout:g1:13"));
        Assert.Equal(8, timer.Version);
        Assert.True(CommandIds.IsReservedForCluster(timer));
        for (var i = 0; i < 1_000; i++)
        {
            Assert.False(CommandIds.IsReservedForCluster(Guid.NewGuid()));
            Assert.False(CommandIds.IsReservedForCluster(Guid.CreateVersion7()));
        }
    }
}
