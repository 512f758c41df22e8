using Statecraft.LoadTest.Scheduling;

namespace Statecraft.LoadTest.Tests.Scheduling;

public sealed class OpenLoopScheduleTests
{
    [Fact]
    public void Offsets_are_index_over_rate()
    {
        var schedule = new OpenLoopSchedule(500);

        Assert.Equal(TimeSpan.Zero, schedule.OffsetOf(0));
        Assert.Equal(TimeSpan.FromMilliseconds(2), schedule.OffsetOf(1));
        Assert.Equal(TimeSpan.FromSeconds(1), schedule.OffsetOf(500));
    }

    [Fact]
    public void Offsets_do_not_drift_over_long_runs()
    {
        // 1/3 s is not a whole number of ticks; adding periods would drift, computing from the index does not.
        var schedule = new OpenLoopSchedule(3);

        Assert.Equal(TimeSpan.FromHours(1), schedule.OffsetOf(3 * 3600));
        Assert.Equal(TimeSpan.FromHours(10), new OpenLoopSchedule(1000).OffsetOf(36_000_000));
    }

    [Fact]
    public void Due_counts_include_the_command_due_exactly_now()
    {
        var schedule = new OpenLoopSchedule(500);

        Assert.Equal(0, schedule.DueBy(TimeSpan.FromTicks(-1)));
        Assert.Equal(1, schedule.DueBy(TimeSpan.Zero));
        Assert.Equal(1, schedule.DueBy(TimeSpan.FromMilliseconds(2) - TimeSpan.FromTicks(1)));
        Assert.Equal(2, schedule.DueBy(TimeSpan.FromMilliseconds(2)));
        Assert.Equal(501, schedule.DueBy(TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(7.0)]
    [InlineData(333.3)]
    [InlineData(12_345.0)]
    public void Due_counts_agree_with_offsets_everywhere(double rate)
    {
        var schedule = new OpenLoopSchedule(rate);
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var elapsed = TimeSpan.FromTicks(random.NextInt64(0, TimeSpan.TicksPerSecond * 10));
            var due = schedule.DueBy(elapsed);
            Assert.True(schedule.OffsetOf(due - 1) <= elapsed, $"command {due - 1} should be due at {elapsed}");
            Assert.True(schedule.OffsetOf(due) > elapsed, $"command {due} should not be due at {elapsed}");
        }
    }

    [Theory]
    [InlineData(500, 1.0, 500)]
    [InlineData(3, 1.0, 3)]
    [InlineData(100, 30.0, 3000)]
    [InlineData(0.5, 3.0, 2)]
    public void A_window_holds_rate_times_length_commands(double rate, double seconds, long expected) =>
        Assert.Equal(expected, new OpenLoopSchedule(rate).CountWithin(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Consecutive_windows_split_the_count_without_double_counting()
    {
        var schedule = new OpenLoopSchedule(250);
        var warmup = schedule.CountWithin(TimeSpan.FromSeconds(5));
        var total = schedule.CountWithin(TimeSpan.FromSeconds(35));

        Assert.Equal(1250, warmup);
        Assert.Equal(7500, total - warmup);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_rate_must_be_positive_and_finite(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpenLoopSchedule(rate));
}
