using Statecraft.LoadTest.Options;
using Statecraft.LoadTest.Tables;

namespace Statecraft.LoadTest.Tests.Tables;

public sealed class TablePlanTests
{
    [Fact]
    public void Tictactoe_tables_seat_two_bots_with_default_options()
    {
        var plan = TablePlan.For(RulesetMix.TicTacToe, 3, new Random(1));

        Assert.Equal("tictactoe", plan.RulesetId);
        Assert.Equal(["bot-1", "bot-2"], plan.Players);
        Assert.Empty(plan.Options.Settings);
    }

    [Fact]
    public void Oh_hell_tables_seat_three_to_five_bots_and_play_short_hands()
    {
        var random = new Random(1);
        var sizes = Enumerable.Range(0, 200).Select(slot => TablePlan.For(RulesetMix.OhHell, slot, random)).ToList();

        Assert.All(sizes, plan =>
        {
            Assert.Equal("oh-hell", plan.RulesetId);
            Assert.Equal("3,2,1", plan.Options.Settings["handSizes"]);
            Assert.InRange(plan.Players.Count, 3, 5);
            Assert.Equal(plan.Players.Count, plan.Players.Distinct().Count());
        });
        Assert.Equal([3, 4, 5], sizes.Select(plan => plan.Players.Count).Distinct().Order());
    }

    [Fact]
    public void Mixed_loads_split_the_tables_evenly()
    {
        var rulesets = Enumerable.Range(0, 10).Select(slot => TablePlan.For(RulesetMix.Mixed, slot, new Random(slot)).RulesetId).ToList();

        Assert.Equal(5, rulesets.Count(id => id == "tictactoe"));
        Assert.Equal(5, rulesets.Count(id => id == "oh-hell"));
        Assert.Equal("tictactoe", rulesets[0]);
        Assert.Equal("oh-hell", rulesets[1]);
    }

    [Fact]
    public void Game_ids_follow_the_load_run_n_pattern_and_never_repeat()
    {
        var ids = new GameIds("r1");
        var issued = Enumerable.Range(0, 1000).AsParallel().Select(_ => ids.Next()).ToList();

        Assert.Equal(1000, issued.Distinct().Count());
        Assert.Contains("load-r1-1", issued);
        Assert.Contains("load-r1-1000", issued);
        Assert.Matches(@"^\d{8}t\d{6}-[0-9a-f]{4}-on$", GameIds.NewRun(new DateTimeOffset(2026, 3, 1, 10, 15, 0, TimeSpan.Zero), "on"));
        Assert.StartsWith("20260301t101500-", GameIds.NewRun(new DateTimeOffset(2026, 3, 1, 10, 15, 0, TimeSpan.Zero)), StringComparison.Ordinal);
    }
}
