using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.LoadTest.Stats;

namespace Statecraft.LoadTest.Tests.Stats;

public sealed class LoadStatsTests
{
    [Fact]
    public void Outcomes_are_counted_by_kind_code_and_type()
    {
        var stats = new LoadStats();
        for (var i = 0; i < 10; i++)
        {
            stats.RecordScheduled();
        }

        stats.RecordDropped();
        for (var i = 0; i < 9; i++)
        {
            stats.RecordSent();
        }

        stats.RecordAccepted(Durability.Durable, TimeSpan.FromMilliseconds(1));
        stats.RecordAccepted(Durability.Durable, TimeSpan.FromMilliseconds(2));
        stats.RecordAccepted(Durability.MemoryOnly, TimeSpan.FromMilliseconds(3));
        stats.RecordRejected(RejectionCode.NotYourTurn, TimeSpan.FromMilliseconds(4));
        stats.RecordRejected(RejectionCode.NotYourTurn, TimeSpan.FromMilliseconds(5));
        stats.RecordRejected(RejectionCode.GameOver, TimeSpan.FromMilliseconds(6));
        stats.RecordError("TimeoutException", TimeSpan.FromMilliseconds(5000));
        stats.RecordSkipped();
        stats.RecordSupportFailure("GameAlreadyExists");

        var summary = stats.Summarize("run", TimeSpan.FromSeconds(2), cancelled: false);

        Assert.Equal(10, summary.Scheduled);
        Assert.Equal(1, summary.Dropped);
        Assert.Equal(9, summary.Sent);
        Assert.Equal(2, summary.AcceptedDurable);
        Assert.Equal(1, summary.AcceptedMemoryOnly);
        Assert.Equal(3, summary.Accepted);
        Assert.Equal(3, summary.Rejected);
        Assert.Equal([KeyValuePair.Create("NotYourTurn", 2L), KeyValuePair.Create("GameOver", 1L)], summary.RejectedByCode);
        Assert.Equal(1, summary.Errors);
        Assert.Equal([KeyValuePair.Create("TimeoutException", 1L)], summary.ErrorsByType);
        Assert.Equal(1, summary.Skipped);
        Assert.Equal(1, summary.Unfinished);
        Assert.Equal([KeyValuePair.Create("GameAlreadyExists", 1L)], summary.SupportFailures);
    }

    [Fact]
    public void Rates_are_over_the_measured_window()
    {
        var stats = new LoadStats();
        for (var i = 0; i < 100; i++)
        {
            stats.RecordScheduled();
            stats.RecordSent();
            stats.RecordAccepted(Durability.Durable, TimeSpan.FromMilliseconds(1));
        }

        var summary = stats.Summarize("run", TimeSpan.FromSeconds(4), cancelled: false);

        Assert.Equal(25, summary.ScheduledPerSecond);
        Assert.Equal(25, summary.SentPerSecond);
        Assert.Equal(25, summary.AcceptedPerSecond);
        Assert.Equal(0, summary.Unfinished);
        Assert.Equal(0, stats.Summarize("run", TimeSpan.Zero, cancelled: true).AcceptedPerSecond);
    }

    [Fact]
    public void Latency_covers_accepted_rejected_and_failed_commands()
    {
        var stats = new LoadStats();
        for (var i = 1; i <= 98; i++)
        {
            stats.RecordAccepted(Durability.Durable, TimeSpan.FromMilliseconds(1));
        }

        stats.RecordRejected(RejectionCode.IllegalMove, TimeSpan.FromMilliseconds(50));
        stats.RecordError("TimeoutException", TimeSpan.FromSeconds(5));

        var summary = stats.Summarize("run", TimeSpan.FromSeconds(1), cancelled: false);

        // Percentiles report the top of their histogram bucket: within 1/128 above the sample.
        Assert.InRange(summary.P50, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1.008));
        Assert.InRange(summary.P95, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1.008));
        Assert.InRange(summary.P99, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50.4));
        Assert.Equal(TimeSpan.FromSeconds(5), summary.Max);
    }

    [Fact]
    public void Ties_in_breakdowns_are_ordered_by_name()
    {
        var stats = new LoadStats();
        stats.RecordError("TimeoutException", TimeSpan.Zero);
        stats.RecordError("SiloUnavailableException", TimeSpan.Zero);

        Assert.Equal(["SiloUnavailableException", "TimeoutException"], stats.Summarize("run", TimeSpan.FromSeconds(1), false).ErrorsByType.Select(pair => pair.Key));
    }

    [Fact]
    public void Concurrent_recording_loses_nothing()
    {
        var stats = new LoadStats();
        Parallel.For(0, 10_000, i =>
        {
            stats.RecordSent();
            if (i % 2 == 0)
            {
                stats.RecordAccepted(Durability.Durable, TimeSpan.FromMilliseconds(1));
            }
            else
            {
                stats.RecordRejected(RejectionCode.NotYourTurn, TimeSpan.FromMilliseconds(1));
            }
        });

        var summary = stats.Summarize("run", TimeSpan.FromSeconds(1), cancelled: false);
        Assert.Equal(10_000, summary.Sent);
        Assert.Equal(5_000, summary.Accepted);
        Assert.Equal(5_000, summary.Rejected);
        Assert.Equal(10_000, stats.Latency.TotalCount);
    }
}
