using Microsoft.Extensions.Time.Testing;
using Statecraft.Persistence.Policies;

namespace Statecraft.Persistence.Tests.Policies;

public sealed class SnapshotPolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);

    private SnapshotPolicy Policy(PersistenceStrategy strategy = PersistenceStrategy.Hybrid, bool onPhaseChange = true) =>
        new(new PersistenceOptions { Strategy = strategy, SnapshotOnPhaseChange = onPhaseChange }, _clock);

    [Fact]
    public void Hybrid_snapshots_after_the_configured_number_of_events()
    {
        var policy = Policy();
        Assert.Null(policy.ForCommit(99, Start, phaseChanged: false));
        Assert.Equal(SnapshotReason.EventCount, policy.ForCommit(100, Start, phaseChanged: false));
        Assert.Equal(SnapshotReason.EventCount, policy.ForCommit(103, Start, phaseChanged: false));
    }

    [Fact]
    public void Hybrid_snapshots_at_the_first_commit_after_the_interval()
    {
        var policy = Policy();
        _clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        Assert.Null(policy.ForCommit(1, Start, phaseChanged: false));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SnapshotReason.Interval, policy.ForCommit(1, Start, phaseChanged: false));
        Assert.Null(policy.ForCommit(1, lastSnapshotAt: _clock.GetUtcNow(), phaseChanged: false));
    }

    [Fact]
    public void Hybrid_snapshots_on_a_phase_change_only_when_configured()
    {
        Assert.Equal(SnapshotReason.PhaseChange, Policy().ForCommit(1, Start, phaseChanged: true));
        Assert.Null(Policy(onPhaseChange: false).ForCommit(1, Start, phaseChanged: true));
    }

    [Fact]
    public void Snapshot_only_writes_every_commit_and_event_sourced_never()
    {
        Assert.Equal(SnapshotReason.EveryCommit, Policy(PersistenceStrategy.SnapshotOnly).ForCommit(1, _clock.GetUtcNow(), false));
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Null(Policy(PersistenceStrategy.EventSourced).ForCommit(10_000, Start, phaseChanged: true));
        Assert.False(Policy(PersistenceStrategy.EventSourced).OnDeactivation(50));
    }

    [Fact]
    public void Deactivation_snapshots_only_when_something_is_unsnapshotted()
    {
        Assert.True(Policy().OnDeactivation(1));
        Assert.False(Policy().OnDeactivation(0));
    }

    [Theory]
    [InlineData(900, 1_000, true)]
    [InlineData(1_000, 1_100, false)]
    [InlineData(1_900, 2_000, true)]
    [InlineData(0, 100, false)]
    public void Compaction_runs_each_time_a_thousand_event_boundary_is_crossed(long previous, long current, bool expected) =>
        Assert.Equal(expected, Policy().ShouldCompact(previous, current));
}
