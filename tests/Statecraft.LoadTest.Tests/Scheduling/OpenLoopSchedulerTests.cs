using Microsoft.Extensions.Time.Testing;
using Statecraft.LoadTest.Scheduling;

namespace Statecraft.LoadTest.Tests.Scheduling;

public sealed class OpenLoopSchedulerTests
{
    private static async Task<long> AdvanceUntilDone(FakeTimeProvider time, Task<long> run, TimeSpan step, int maxSteps = 10_000)
    {
        for (var i = 0; i < maxSteps && !run.IsCompleted; i++)
        {
            time.Advance(step);
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        return await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 1_000 && !condition(); i++)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "timed out waiting for the scheduler");
    }

    [Fact]
    public async Task Fires_every_slot_on_its_time()
    {
        var time = new FakeTimeProvider();
        var fired = new List<(ScheduledCommand Command, long FiredAt)>();
        var scheduler = new OpenLoopScheduler(new OpenLoopSchedule(10), time);

        var run = scheduler.RunAsync(TimeSpan.FromSeconds(1), command => fired.Add((command, time.GetTimestamp())), TestContext.Current.CancellationToken);
        var count = await AdvanceUntilDone(time, run, TimeSpan.FromMilliseconds(10));

        Assert.Equal(10, count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), fired.Select(f => f.Command.Index));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => TimeSpan.FromMilliseconds(100 * i)), fired.Select(f => f.Command.Offset));
        var start = fired[0].Command.Timestamp;
        foreach (var (command, firedAt) in fired)
        {
            Assert.Equal(command.Offset, time.GetElapsedTime(start, command.Timestamp));

            // Never early.
            Assert.True(time.GetElapsedTime(command.Timestamp, firedAt) >= TimeSpan.Zero, $"command {command.Index} fired early");
        }
    }

    [Fact]
    public async Task A_late_wake_fires_the_backlog_at_once_with_the_original_times()
    {
        var time = new FakeTimeProvider();
        var fired = new System.Collections.Concurrent.ConcurrentQueue<(ScheduledCommand Command, long FiredAt)>();
        var scheduler = new OpenLoopScheduler(new OpenLoopSchedule(10), time);

        var run = scheduler.RunAsync(TimeSpan.FromSeconds(1), command => fired.Enqueue((command, time.GetTimestamp())), TestContext.Current.CancellationToken);
        await WaitUntil(() => !fired.IsEmpty);

        // The loop sleeps through half a second: the four slots due meanwhile go out together, each keeping its own time,
        // so the half second of lateness shows in their latency instead of vanishing.
        time.Advance(TimeSpan.FromMilliseconds(450));
        await WaitUntil(() => fired.Count >= 5);
        await AdvanceUntilDone(time, run, TimeSpan.FromMilliseconds(100));

        var backlog = fired.Where(f => f.Command.Index is >= 1 and <= 4).ToList();
        Assert.Equal(4, backlog.Count);
        Assert.Single(backlog.Select(f => f.FiredAt).Distinct());
        Assert.Equal(
            [TimeSpan.FromMilliseconds(350), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(50)],
            backlog.Select(f => time.GetElapsedTime(f.Command.Timestamp, f.FiredAt)));
    }

    [Fact]
    public async Task Slow_commands_do_not_hold_back_the_timetable()
    {
        var time = new FakeTimeProvider();
        var never = new TaskCompletionSource();
        var started = new List<Task>();
        var scheduler = new OpenLoopScheduler(new OpenLoopSchedule(100), time);

        // Every command hangs forever; an open loop still sends all of them on time.
        var run = scheduler.RunAsync(TimeSpan.FromSeconds(1), _ => started.Add(never.Task), TestContext.Current.CancellationToken);
        var count = await AdvanceUntilDone(time, run, TimeSpan.FromMilliseconds(5));

        Assert.Equal(100, count);
        Assert.Equal(100, started.Count);
    }

    [Fact]
    public async Task Cancellation_stops_the_timetable_early()
    {
        var time = new FakeTimeProvider();
        using var stop = new CancellationTokenSource();
        var fired = 0;
        var scheduler = new OpenLoopScheduler(new OpenLoopSchedule(10), time);

        var run = scheduler.RunAsync(TimeSpan.FromSeconds(10), _ => Interlocked.Increment(ref fired), stop.Token);
        time.Advance(TimeSpan.FromMilliseconds(250));
        await WaitUntil(() => Volatile.Read(ref fired) >= 3);
        await stop.CancelAsync();
        var count = await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(3, count);
        Assert.Equal(count, fired);
    }
}
