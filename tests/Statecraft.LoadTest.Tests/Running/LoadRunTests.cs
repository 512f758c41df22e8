using Statecraft.Abstractions.Grains;
using Statecraft.LoadTest.Options;
using Statecraft.LoadTest.Reporting;
using Statecraft.LoadTest.Running;
using Statecraft.LoadTest.Tests.Support;

namespace Statecraft.LoadTest.Tests.Running;

public sealed class LoadRunTests
{
    [Fact]
    public async Task A_short_run_against_the_engine_meets_its_rate_and_reports_it()
    {
        var options = new LoadTestOptions { Games = 20, Rate = 200, Duration = TimeSpan.FromSeconds(1), Warmup = TimeSpan.FromMilliseconds(500), Ruleset = RulesetMix.Mixed };
        var cluster = new EngineCluster();
        var console = new TestUi();

        var summary = await new LoadRun(options, cluster, TimeProvider.System, console.Ui).ExecuteAsync("unit", "run", TestContext.Current.CancellationToken);

        // Exactly the measured slots: 200/s for 1 s, the 100 warmup slots left out.
        Assert.Equal(200, summary.Scheduled);
        Assert.Equal(200, summary.Sent + summary.Dropped);
        Assert.Equal(0, summary.Errors);
        Assert.Equal(0, summary.Rejected);
        Assert.Equal(0, summary.Unfinished);
        Assert.Equal(summary.Sent, summary.AcceptedDurable + summary.Skipped);
        Assert.True(summary.AcceptedDurable >= 150, $"only {summary.AcceptedDurable} accepted");
        Assert.True(summary.GamesFinished > 0);
        Assert.True(summary.P99 > TimeSpan.Zero);

        // The warmup's moves were made too, just not counted.
        Assert.True(cluster.Moves.Count > summary.AcceptedDurable);
        Assert.StartsWith("### Load test", MarkdownReport.Single(options, summary), StringComparison.Ordinal);
        Assert.Contains("setting up 20 games", console.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_that_sets_up_no_game_fails_the_run()
    {
        var options = new LoadTestOptions { Games = 3, Rate = 10, Duration = TimeSpan.FromSeconds(1), Warmup = TimeSpan.Zero };
        var cluster = new EngineCluster { RefuseCreate = Abstractions.Games.RejectionCode.UnknownRuleset };

        var failure = await Assert.ThrowsAsync<LoadRunFailedException>(() =>
            new LoadRun(options, cluster, TimeProvider.System, new TestUi().Ui).ExecuteAsync("unit", "run", TestContext.Current.CancellationToken));

        Assert.Contains("UnknownRuleset x3", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_only_answers_are_counted_apart()
    {
        var options = new LoadTestOptions { Games = 5, Rate = 50, Duration = TimeSpan.FromSeconds(1), Warmup = TimeSpan.Zero, Ruleset = RulesetMix.TicTacToe };
        var cluster = new EngineCluster { Durability = Durability.MemoryOnly };

        var summary = await new LoadRun(options, cluster, TimeProvider.System, new TestUi().Ui).ExecuteAsync("unit", "run", TestContext.Current.CancellationToken);

        Assert.Equal(0, summary.AcceptedDurable);
        Assert.True(summary.AcceptedMemoryOnly > 0);
    }
}
