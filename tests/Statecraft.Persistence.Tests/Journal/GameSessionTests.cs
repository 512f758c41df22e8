using Microsoft.Extensions.Time.Testing;
using Statecraft.Engine.Core;
using Statecraft.Engine.Simulation;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Resilience;
using Statecraft.Persistence.Stores;
using Statecraft.Persistence.Tests.Contract;
using Statecraft.Persistence.Tests.Support;

namespace Statecraft.Persistence.Tests.Journal;

/// <summary>One game's journal bookkeeping, without a silo: what each commit contains, and that nothing unstored is applied.</summary>
public sealed class GameSessionTests : IDisposable
{
    private static readonly JournalSwitches On = new(Persist: true, Snapshots: true);
    private static readonly JournalSwitches PersistenceOff = new(Persist: false, Snapshots: true);

    private readonly SwitchableStore _store = new(new InMemoryGameStore());

    // One attempt and a breaker that never opens on these few calls: this class is about the journal, not outages.
    private readonly StoreResilience _resilience = new("memory", new ResilienceOptions { MinimumThroughput = 1000 }, writeAttempts: 1);
    private readonly PlayedGame _game = Games.TicTacToe(3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _resilience.Dispose();

    [Fact]
    public async Task A_stored_change_is_applied_and_a_new_session_recovers_it_with_its_window()
    {
        var session = NewSession();

        var steps = await CommitStepsAsync(session, On, 5);

        Assert.Equal(steps[^1].Before.Version + steps[^1].Events.Count, session.State.Version);
        Assert.Equal(session.State.Version, session.StoredVersion);
        var recovered = NewSession();
        await recovered.RecoverAsync(Ct);
        Assert.Equal(session.State, recovered.State);
        Assert.True(recovered.Window.TryGet(steps[0].Command.CommandId, out var first));
        Assert.Equal(CommandFingerprint.Of(steps[0].Command), first.Fingerprint);
    }

    [Fact]
    public async Task With_persistence_off_changes_live_in_memory_and_the_next_stored_commit_is_a_catch_up_snapshot()
    {
        var session = NewSession();
        await CommitStepsAsync(session, On, 4);
        var stored = session.StoredVersion;

        await CommitStepsAsync(session, PersistenceOff, 2, skip: 4);
        Assert.True(session.IsBehind);
        Assert.Equal(stored, (await _store.LoadAsync(session.GameId, cancellationToken: Ct))!.Version);

        await CommitStepsAsync(session, On, 1, skip: 6);
        Assert.False(session.IsBehind);
        var loaded = await _store.LoadAsync(session.GameId, cancellationToken: Ct);
        Assert.Equal(session.State.Version, loaded!.Version);
        Assert.Equal(session.State.Version, loaded.Snapshot!.Version);
    }

    [Fact]
    public async Task A_store_failure_or_a_conflict_applies_nothing()
    {
        var session = NewSession();
        await CommitStepsAsync(session, On, 4);
        var before = session.State;
        var step = _game.Steps[4];

        _store.FailAppends = true;
        var failed = await session.CommitAsync(Change(session, step), On, Ct);
        _store.FailAppends = false;

        Assert.Equal(SessionCommitStatus.Failed, failed.Status);
        Assert.IsType<IOException>(failed.Error);
        Assert.Equal(before, session.State);
        Assert.False(session.Window.TryGet(step.Command.CommandId, out _));

        // Another activation (a failover race) writes the same version first, for another command.
        var rival = NewSession();
        await rival.RecoverAsync(Ct);
        Assert.Equal(SessionCommitStatus.Durable, (await rival.CommitAsync(Change(rival, step) with { CommandId = Guid.NewGuid() }, On, Ct)).Status);
        var conflict = await session.CommitAsync(Change(session, step), On, Ct);

        Assert.Equal(SessionCommitStatus.Conflict, conflict.Status);
        Assert.Equal(before, session.State);
    }

    [Fact]
    public async Task Deactivation_writes_a_catch_up_snapshot_when_storage_lags_and_nothing_with_persistence_off()
    {
        var session = NewSession();
        await CommitStepsAsync(session, On, 4);
        await CommitStepsAsync(session, PersistenceOff, 1, skip: 4);

        Assert.False(await session.WriteFinalSnapshotAsync(PersistenceOff, Ct));
        Assert.True(await session.WriteFinalSnapshotAsync(On, Ct));

        Assert.False(session.IsBehind);
        Assert.Equal(session.State.Version, (await _store.LoadAsync(session.GameId, cancellationToken: Ct))!.Snapshot!.Version);
    }

    [Fact]
    public async Task Recovery_starts_over_and_keeps_nothing_of_the_state_it_replaces()
    {
        var session = NewSession();
        await CommitStepsAsync(session, On, 4);
        Assert.True(await _store.DeleteAsync(session.GameId, Ct));

        Assert.Null(await session.RecoverAsync(Ct));

        Assert.Equal(0, session.State.Version);
        Assert.Equal(0, session.StoredVersion);
        Assert.Equal(0, session.Window.Count);
    }

    [Fact]
    public async Task A_change_that_does_not_follow_the_live_state_is_a_programming_error()
    {
        var session = NewSession();
        var step = _game.Steps[4];

        // The events of step 5 with the state after it, handed to a session still at version 0.
        var change = new PendingChange(step.Command.CommandId, 1, step.Events.AsImmutableArray(), GameDecider.Default.Fold(step.Before, step.Events));

        await Assert.ThrowsAsync<ArgumentException>(() => session.CommitAsync(change, On, Ct));
        Assert.Equal(0, session.State.Version);
    }

    private GameSession NewSession()
    {
        var options = new PersistenceOptions();
        var clock = new FakeTimeProvider(RecordFactory.T0);
        var repository = Testing.Repositories.For(_store, options, clock);
        return new GameSession(_game.Final.GameId, repository, _resilience, options.RecentCommandWindow);
    }

    private async Task<List<PlayedStep>> CommitStepsAsync(GameSession session, JournalSwitches switches, int count, int skip = 0)
    {
        var steps = _game.Steps.Skip(skip).Take(count).ToList();
        foreach (var step in steps)
        {
            var result = await session.CommitAsync(Change(session, step), switches, Ct);
            Assert.Equal(switches.Persist ? SessionCommitStatus.Durable : SessionCommitStatus.MemoryOnly, result.Status);
        }

        return steps;
    }

    private static PendingChange Change(GameSession session, PlayedStep step) =>
        new(step.Command.CommandId, CommandFingerprint.Of(step.Command), step.Events.AsImmutableArray(), GameDecider.Default.Fold(session.State, step.Events));
}
