using Microsoft.Extensions.Time.Testing;
using Statecraft.LoadTest.Options;
using Statecraft.LoadTest.Scheduling;
using Statecraft.LoadTest.Stats;
using Statecraft.LoadTest.Tables;
using Statecraft.LoadTest.Tests.Support;

namespace Statecraft.LoadTest.Tests.Tables;

public sealed class TablePoolTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static TablePool Pool(EngineCluster cluster, int tables, TimeProvider time)
    {
        var ids = new GameIds("pool");
        return new([.. Enumerable.Range(0, tables).Select(slot => new GameTable(slot, RulesetMix.TicTacToe, cluster, ids, new Random(slot), time))], time);
    }

    [Fact]
    public async Task When_every_table_is_busy_slots_are_dropped_not_queued()
    {
        var time = new FakeTimeProvider();
        var release = new TaskCompletionSource();
        var cluster = new EngineCluster();
        var pool = Pool(cluster, 2, time);
        var stats = new LoadStats();
        Assert.Equal(2, await pool.SetUpAllAsync(stats, 4, Token));
        cluster.MoveGate = release.Task;

        var scheduledAt = time.GetTimestamp();
        for (var i = 0; i < 5; i++)
        {
            pool.Dispatch(new ScheduledCommand(i, TimeSpan.Zero, scheduledAt), stats, Token);
        }

        Assert.Equal(2, pool.InFlight);
        Assert.Equal(5, stats.Scheduled);
        Assert.Equal(2, stats.Sent);
        Assert.Equal(3, stats.Dropped);

        // The answers come 40 ms after the scheduled time; that is the latency recorded.
        time.Advance(TimeSpan.FromMilliseconds(40));
        release.SetResult();
        Assert.True(await pool.DrainAsync(TimeSpan.FromSeconds(10), Token));

        Assert.Equal(0, pool.InFlight);
        Assert.Equal(2, stats.Accepted);
        Assert.Equal(TimeSpan.FromMilliseconds(40), stats.Latency.Min);
        Assert.Equal(TimeSpan.FromMilliseconds(40), stats.Latency.Max);

        // Freed tables take commands again.
        pool.Dispatch(new ScheduledCommand(5, TimeSpan.Zero, time.GetTimestamp()), stats, Token);
        Assert.True(await pool.DrainAsync(TimeSpan.FromSeconds(10), Token));
        Assert.Equal(3, stats.Sent);
        Assert.Equal(3, stats.Accepted);
    }

    [Fact]
    public async Task Draining_gives_up_after_the_timeout()
    {
        var time = new FakeTimeProvider();
        var cluster = new EngineCluster { MoveGate = new TaskCompletionSource().Task };
        var pool = Pool(cluster, 1, time);
        var stats = new LoadStats();
        await pool.SetUpAllAsync(stats, 1, Token);
        pool.Dispatch(new ScheduledCommand(0, TimeSpan.Zero, time.GetTimestamp()), stats, Token);

        var drain = pool.DrainAsync(TimeSpan.FromSeconds(5), Token);
        Assert.False(drain.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.False(await drain.WaitAsync(TimeSpan.FromSeconds(10), Token));
        Assert.Equal(1, pool.InFlight);
    }

    [Fact]
    public async Task Draining_an_idle_pool_returns_at_once()
    {
        var pool = Pool(new EngineCluster(), 3, TimeProvider.System);

        Assert.True(await pool.DrainAsync(TimeSpan.Zero, Token));
    }

    [Fact]
    public async Task Cancelled_commands_free_their_table_without_an_outcome()
    {
        using var stop = new CancellationTokenSource();
        var cluster = new EngineCluster { MoveGate = new TaskCompletionSource().Task };
        var pool = Pool(cluster, 1, TimeProvider.System);
        var stats = new LoadStats();
        await pool.SetUpAllAsync(stats, 1, Token);

        pool.Dispatch(new ScheduledCommand(0, TimeSpan.Zero, TimeProvider.System.GetTimestamp()), stats, stop.Token);
        await stop.CancelAsync();
        Assert.True(await pool.DrainAsync(TimeSpan.FromSeconds(10), Token));

        var summary = stats.Summarize("t", TimeSpan.FromSeconds(1), cancelled: true);
        Assert.Equal(0, summary.Errors);
        Assert.Equal(1, summary.Unfinished);
    }
}
