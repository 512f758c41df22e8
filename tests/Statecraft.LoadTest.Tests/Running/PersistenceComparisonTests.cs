using Statecraft.Abstractions.Flags;
using Statecraft.LoadTest.Running;
using Statecraft.LoadTest.Stats;
using Statecraft.LoadTest.Tests.Support;

namespace Statecraft.LoadTest.Tests.Running;

public sealed class PersistenceComparisonTests
{
    private static FlagDefinition Flag(bool enabled, int? percentage = null) => new() { Name = FlagNames.UseStatePersistence, Enabled = enabled, Percentage = percentage };

    private static PersistenceComparison Comparison(FakeFlagGrain flags) =>
        new(flags, TimeProvider.System, new TestUi().Ui) { SettleTime = TimeSpan.Zero };

    private static RunSummary Summary(string label) => new() { Label = label, Window = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task Runs_on_then_off_and_restores_the_original_value()
    {
        var flags = new FakeFlagGrain(Flag(true));
        var seen = new List<(string Suffix, bool? Persistence)>();

        var (on, off) = await Comparison(flags).RunAsync(
            (suffix, label, _) =>
            {
                seen.Add((suffix, flags.Current.Enabled));
                return Task.FromResult(Summary(label));
            },
            TestContext.Current.CancellationToken);

        Assert.Equal([("on", true), ("off", false)], seen);
        Assert.Equal("persistence ON", on.Label);
        Assert.Equal("persistence OFF", off?.Label);
        Assert.Equal([true, false, true], flags.Changes.Select(change => change.Enabled));
        Assert.All(flags.Changes, change =>
        {
            Assert.Equal(FlagNames.UseStatePersistence, change.Name);
            Assert.Equal("loadtest", change.ChangedBy);
            Assert.False(string.IsNullOrWhiteSpace(change.Reason));
        });
        Assert.Equal(Flag(true), flags.Current);
    }

    [Fact]
    public async Task A_flag_at_its_configured_default_is_reset_afterwards_not_pinned()
    {
        var flags = new FakeFlagGrain(null);

        await Comparison(flags).RunAsync((_, label, _) => Task.FromResult(Summary(label)), TestContext.Current.CancellationToken);

        Assert.True(flags.Changes[^1].Reset);
        Assert.False(flags.IsChangedAtRuntime);
    }

    [Fact]
    public async Task The_flag_is_restored_when_a_run_fails()
    {
        var flags = new FakeFlagGrain(Flag(true));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Comparison(flags).RunAsync(
            (suffix, label, _) => suffix == "off" ? throw new InvalidOperationException("boom") : Task.FromResult(Summary(label)),
            TestContext.Current.CancellationToken));

        Assert.Equal(Flag(true), flags.Current);
        Assert.Equal(3, flags.Changes.Count);
    }

    [Fact]
    public async Task Ctrl_c_during_the_on_run_skips_the_off_run_and_restores()
    {
        var flags = new FakeFlagGrain(Flag(false));
        using var stop = new CancellationTokenSource();
        var runs = 0;

        var (on, off) = await Comparison(flags).RunAsync(
            async (_, label, _) =>
            {
                runs++;
                await stop.CancelAsync();
                return Summary(label) with { Cancelled = true };
            },
            stop.Token);

        Assert.Equal(1, runs);
        Assert.True(on.Cancelled);
        Assert.Null(off);
        Assert.Equal(Flag(false), flags.Current);
        Assert.Equal([true, false], flags.Changes.Select(change => change.Enabled));
    }

    [Fact]
    public async Task A_failed_switch_fails_the_comparison_and_still_restores()
    {
        var flags = new FakeFlagGrain(Flag(true)) { FailSwitchingTo = false };

        var failure = await Assert.ThrowsAsync<LoadRunFailedException>(() => Comparison(flags).RunAsync(
            (_, label, _) => Task.FromResult(Summary(label)), TestContext.Current.CancellationToken));

        Assert.Contains("off", failure.Message, StringComparison.Ordinal);
        Assert.Equal(Flag(true), flags.Current);
    }

    [Fact]
    public async Task A_failed_restore_is_a_failure_even_after_a_good_run()
    {
        // Restoring "off" fails like the switch to off did; the operator must be told.
        var flags = new FakeFlagGrain(Flag(false));
        var comparison = Comparison(flags);
        var runs = 0;

        await Assert.ThrowsAsync<LoadRunFailedException>(() => comparison.RunAsync(
            (_, label, _) =>
            {
                if (++runs == 2)
                {
                    flags.FailSwitchingTo = false;
                }

                return Task.FromResult(Summary(label));
            },
            TestContext.Current.CancellationToken));

        Assert.Equal(2, runs);
    }

    [Fact]
    public void Restoring_puts_back_a_percentage_an_on_off_value_or_the_default()
    {
        var percentage = PersistenceComparison.RestoreChange(Flag(false, percentage: 25));
        var enabled = PersistenceComparison.RestoreChange(Flag(true));
        var undefined = PersistenceComparison.RestoreChange(null);

        Assert.Equal((25, (bool?)null, false), (percentage.Percentage, percentage.Enabled, percentage.Reset));
        Assert.Equal(((int?)null, (bool?)true, false), (enabled.Percentage, enabled.Enabled, enabled.Reset));
        Assert.Equal(((int?)null, (bool?)null, true), (undefined.Percentage, undefined.Enabled, undefined.Reset));
        Assert.All([percentage, enabled, undefined], change => Assert.Equal("loadtest", change.ChangedBy));
    }
}
