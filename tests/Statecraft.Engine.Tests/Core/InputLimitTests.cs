using Statecraft.Abstractions.Games;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Engine.Tests.Support;

namespace Statecraft.Engine.Tests.Core;

/// <summary>Bounded input and bounded messages: nothing a client sends comes back or goes on in full.</summary>
public sealed class InputLimitTests
{
    private const int MaxMessageLength = 400;

    [Fact]
    public void A_huge_ruleset_id_is_refused_and_echoed_cut_to_size()
    {
        var decision = new Table().Send("alice", new CreateGame(new string('r', 1_000_000), GameOptions.Default));

        Assert.Equal(RejectionCode.UnknownRuleset, decision.Rejection?.Code);
        Assert.InRange(decision.Rejection!.Message.Length, 1, MaxMessageLength);
        Assert.Contains("(1000000 characters)", decision.Rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_settings_are_refused_and_echoed_cut_to_size()
    {
        var table = new Table();
        foreach (var options in new[]
        {
            GameOptions.With((new string('k', 1_000_000), "1")),
            GameOptions.With((OhHellConfig.HandSizesKey, new string('9', 1_000_000))),
            GameOptions.With(("x" + new string('k', 60), "1")),
            GameOptions.With((OhHellConfig.HandSizesKey, "banana")),
        })
        {
            var decision = table.Send("alice", new CreateGame(OhHellRules.RulesetId, options));
            Assert.Equal(RejectionCode.InvalidOptions, decision.Rejection?.Code);
            Assert.InRange(decision.Rejection!.Message.Length, 1, MaxMessageLength);
        }
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(9_999_999L)]
    public void Turn_timeouts_below_one_second_are_refused(long ticks)
    {
        var decision = new Table().Send("alice", new CreateGame(TicTacToeRules.RulesetId, new GameOptions { TurnTimeout = TimeSpan.FromTicks(ticks) }));

        Assert.Equal(RejectionCode.InvalidOptions, decision.Rejection?.Code);
    }

    [Fact]
    public void A_turn_timeout_of_one_second_is_accepted()
    {
        var decision = new Table().Send("alice", new CreateGame(TicTacToeRules.RulesetId, new GameOptions { TurnTimeout = GameLimits.MinTurnTimeout }));

        Assert.True(decision.IsAccepted);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("{tag}")]
    [InlineData("")]
    public void A_game_with_an_invalid_id_cannot_be_created(string gameId)
    {
        var decision = new Table(gameId).Send("alice", new CreateGame(TicTacToeRules.RulesetId, GameOptions.Default));

        Assert.Equal(RejectionCode.InvalidGameId, decision.Rejection?.Code);
    }

    [Fact]
    public void Game_ids_are_checked_for_length_and_characters()
    {
        Assert.True(GameLimits.IsValidGameId("demo-tictactoe-0a1b2c3d4e5f"));
        Assert.True(GameLimits.IsValidGameId("tenant:eu@42_game.1"));
        Assert.True(GameLimits.IsValidGameId(new string('g', GameLimits.MaxGameIdLength)));
        Assert.False(GameLimits.IsValidGameId(new string('g', GameLimits.MaxGameIdLength + 1)));
        Assert.False(GameLimits.IsValidGameId("café"));
        Assert.False(GameLimits.IsValidGameId(null));
    }

    [Fact]
    public void Echo_cuts_long_values_and_hides_control_characters()
    {
        Assert.Equal("'short'", GameLimits.Echo("short"));
        Assert.Equal("'a?b'", GameLimits.Echo("a\0b"));
        var echoed = GameLimits.Echo(new string('x', 10_000));
        Assert.StartsWith($"'{new string('x', GameLimits.MaxEchoedLength)}…'", echoed, StringComparison.Ordinal);
        Assert.EndsWith("(10000 characters)", echoed, StringComparison.Ordinal);
    }
}
