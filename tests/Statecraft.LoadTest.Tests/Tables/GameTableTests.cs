using Statecraft.Abstractions.Grains;
using Statecraft.LoadTest.Options;
using Statecraft.LoadTest.Stats;
using Statecraft.LoadTest.Tables;
using Statecraft.LoadTest.Tests.Support;

namespace Statecraft.LoadTest.Tests.Tables;

public sealed class GameTableTests
{
    private static GameTable Table(EngineCluster cluster, RulesetMix mix, int seed = 1, int slot = 0) =>
        new(slot, mix, cluster, new GameIds("test"), new Random(seed), TimeProvider.System);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("tictactoe")]
    [InlineData("oh-hell")]
    public async Task Bots_play_games_to_the_end_and_tables_start_new_ones(string ruleset)
    {
        var mix = LoadTestCommandLine.ParseRuleset(ruleset);
        var cluster = new EngineCluster();
        var stats = new LoadStats();
        var table = Table(cluster, mix);

        Assert.True(await table.SetUpAsync(stats, Token));
        var outcomes = new List<MoveOutcome>();
        for (var i = 0; i < 300; i++)
        {
            outcomes.Add(await table.PlayAsync(stats, Token));
        }

        // Every move is legal and made by the player whose turn it is, through bidding, play and deals alike.
        Assert.All(outcomes, outcome => Assert.Equal(MoveOutcomeKind.Accepted, outcome.Kind));
        Assert.Equal(300, cluster.Moves.Count);
        var summary = stats.Summarize("t", TimeSpan.FromSeconds(1), false);
        Assert.True(summary.GamesFinished >= 3, $"only {summary.GamesFinished} games finished");
        Assert.Equal(summary.GamesFinished + 1, summary.GamesStarted);
        Assert.Equal(summary.GamesStarted, cluster.GameCount);
        Assert.Empty(summary.SupportFailures);
    }

    [Fact]
    public async Task The_same_seed_plays_the_same_moves()
    {
        async Task<List<string>> Play(int seed)
        {
            var cluster = new EngineCluster();
            var stats = new LoadStats();
            var table = Table(cluster, RulesetMix.OhHell, seed);
            for (var i = 0; i < 60; i++)
            {
                await table.PlayAsync(stats, Token);
            }

            return [.. cluster.Moves.Select(move => $"{move.GameId}:{move.Player}:{move.Move}")];
        }

        Assert.Equal(await Play(5), await Play(5));
        Assert.NotEqual(await Play(5), await Play(6));
    }

    [Fact]
    public async Task Accepted_moves_carry_the_durability_the_cluster_reports()
    {
        var cluster = new EngineCluster { Durability = Durability.MemoryOnly };
        var table = Table(cluster, RulesetMix.TicTacToe);

        var outcome = await table.PlayAsync(new LoadStats(), Token);

        Assert.Equal(MoveOutcome.Accepted(outcome.RespondedAt, Durability.MemoryOnly), outcome);
    }

    [Fact]
    public async Task A_failed_move_is_an_error_by_type_and_the_table_recovers()
    {
        var cluster = new EngineCluster();
        var stats = new LoadStats();
        var table = Table(cluster, RulesetMix.TicTacToe);
        await table.SetUpAsync(stats, Token);

        cluster.FailNext = ("move", new TimeoutException("no answer"));
        var failed = await table.PlayAsync(stats, Token);
        var next = await table.PlayAsync(stats, Token);

        Assert.Equal(MoveOutcomeKind.Error, failed.Kind);
        Assert.Equal("TimeoutException", failed.ErrorType);
        Assert.Equal(MoveOutcomeKind.Accepted, next.Kind);
    }

    [Fact]
    public async Task A_failed_view_refresh_is_not_the_moves_error()
    {
        var cluster = new EngineCluster();
        var stats = new LoadStats();
        var table = Table(cluster, RulesetMix.TicTacToe);
        await table.SetUpAsync(stats, Token);

        cluster.FailNext = ("view", new InvalidOperationException("view lost"));
        var outcome = await table.PlayAsync(stats, Token);
        var next = await table.PlayAsync(stats, Token);

        Assert.Equal(MoveOutcomeKind.Accepted, outcome.Kind);
        Assert.Equal(MoveOutcomeKind.Accepted, next.Kind);
        Assert.Equal([KeyValuePair.Create("InvalidOperationException", 1L)], stats.Summarize("t", TimeSpan.FromSeconds(1), false).SupportFailures);
    }

    [Fact]
    public async Task A_refused_set_up_is_counted_and_the_command_skipped_until_a_game_starts()
    {
        var cluster = new EngineCluster { RefuseCreate = Abstractions.Games.RejectionCode.GameAlreadyExists };
        var stats = new LoadStats();
        var table = Table(cluster, RulesetMix.TicTacToe);

        Assert.False(await table.SetUpAsync(stats, Token));
        var skipped = await table.PlayAsync(stats, Token);
        cluster.RefuseCreate = null;
        var played = await table.PlayAsync(stats, Token);

        Assert.Equal(MoveOutcomeKind.Skipped, skipped.Kind);
        Assert.Equal(MoveOutcomeKind.Accepted, played.Kind);
        Assert.True(table.IsReady);
        Assert.Equal([KeyValuePair.Create("GameAlreadyExists", 2L)], stats.Summarize("t", TimeSpan.FromSeconds(1), false).SupportFailures);

        // Each attempt used a fresh id, so a half-made game is never reused.
        Assert.Equal("load-test-3", table.GameId);
    }

    [Fact]
    public async Task A_game_ended_by_someone_else_is_noticed_and_replaced()
    {
        var cluster = new EngineCluster();
        var stats = new LoadStats();
        var table = Table(cluster, RulesetMix.TicTacToe);
        await table.SetUpAsync(stats, Token);
        var first = table.GameId!;

        cluster.Abandon(first);
        var stale = await table.PlayAsync(stats, Token);
        var fresh = await table.PlayAsync(stats, Token);

        // The table's view still showed a turn; the empty legal moves send it back to look again.
        Assert.Equal(MoveOutcomeKind.Skipped, stale.Kind);
        Assert.Equal(MoveOutcomeKind.Accepted, fresh.Kind);
        Assert.NotEqual(first, table.GameId);
        Assert.Equal(1, stats.Summarize("t", TimeSpan.FromSeconds(1), false).GamesFinished);
    }

    [Fact]
    public void Error_names_look_through_a_lone_aggregate()
    {
        Assert.Equal("TimeoutException", MoveOutcome.ErrorName(new AggregateException(new TimeoutException())));
        Assert.Equal("AggregateException", MoveOutcome.ErrorName(new AggregateException(new TimeoutException(), new InvalidOperationException())));
    }
}
