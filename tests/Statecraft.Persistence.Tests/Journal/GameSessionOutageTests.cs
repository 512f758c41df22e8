using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Statecraft.Engine.Core;
using Statecraft.Engine.Simulation;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Resilience;
using Statecraft.Persistence.Stores;
using Statecraft.Persistence.Tests.Contract;
using Statecraft.Persistence.Tests.Support;

namespace Statecraft.Persistence.Tests.Journal;

/// <summary>
/// A game's journal while its store is out: the circuit opens and refuses calls without reaching the store, a frozen
/// store is noticed after the per-call timeout, Degrade mode applies changes in memory only within its bounds and
/// stores a catch-up snapshot when the store returns — and nothing unstored is ever reported durable.
/// </summary>
public sealed class GameSessionOutageTests : IDisposable
{
    private static readonly JournalSwitches On = new(Persist: true, Snapshots: true);

    // Generous against a loaded CI machine: these bound hangs, they do not benchmark.
    private static readonly TimeSpan FastAnswer = TimeSpan.FromMilliseconds(250);

    private readonly SwitchableStore _store = new(new InMemoryGameStore());
    private readonly PlayedGame _game = Games.TicTacToe(3);
    private StoreResilience? _resilience;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _resilience?.Dispose();

    [Fact]
    public async Task Repeated_failures_open_the_circuit_and_then_commands_fail_fast_without_reaching_the_store()
    {
        var session = NewSession(OnStoreOutage.FailFast);
        await CommitAsync(session, 0, 3, SessionCommitStatus.Durable);
        var before = session.State;

        _store.FailAppends = true;
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(SessionCommitStatus.Failed, (await session.CommitAsync(Change(session, 3), On, Ct)).Status);
        }

        Assert.True(_resilience!.Circuit.IsOpen);
        var callsWhenOpened = _store.AppendCalls;
        var started = Stopwatch.GetTimestamp();
        var refused = await session.CommitAsync(Change(session, 3), On, Ct);

        Assert.True(Stopwatch.GetElapsedTime(started) < FastAnswer, $"took {Stopwatch.GetElapsedTime(started)}");
        var rejection = Assert.IsType<StoreCallRejectedException>(refused.Error);
        Assert.Equal(StoreRejection.CircuitOpen, rejection.Reason);
        Assert.IsType<BrokenCircuitException>(rejection.InnerException);
        Assert.Equal(callsWhenOpened, _store.AppendCalls);
        Assert.Equal(before, session.State);
        Assert.Equal(2, _resilience.Circuit.StateCode);
    }

    [Fact]
    public async Task After_the_break_a_trial_call_that_succeeds_closes_the_circuit()
    {
        var session = NewSession(OnStoreOutage.FailFast);
        await CommitAsync(session, 0, 3, SessionCommitStatus.Durable);
        await OpenCircuitAsync(session, 3);

        _store.FailAppends = false;
        await WaitForBreakToEndAsync();

        await CommitAsync(session, 3, 1, SessionCommitStatus.Durable);
        Assert.Equal(CircuitState.Closed, _resilience!.Circuit.State);
        Assert.Equal(session.State.Version, (await _store.LoadAsync(session.GameId, cancellationToken: Ct))!.Version);
    }

    [Fact]
    public async Task A_frozen_store_is_noticed_after_the_per_call_timeout_and_not_retried()
    {
        var session = NewSession(OnStoreOutage.FailFast, callTimeout: TimeSpan.FromMilliseconds(200));
        await CommitAsync(session, 0, 2, SessionCommitStatus.Durable);

        _store.Frozen = true;
        var calls = _store.AppendCalls;
        var started = Stopwatch.GetTimestamp();
        var result = await session.CommitAsync(Change(session, 2), On, Ct);
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Equal(SessionCommitStatus.Failed, result.Status);
        Assert.IsType<TimeoutRejectedException>(result.Error);
        Assert.Equal(calls + 1, _store.AppendCalls);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_frozen_store_fails_a_load_after_the_per_call_timeout_and_leaves_the_session_empty()
    {
        var session = NewSession(OnStoreOutage.FailFast, callTimeout: TimeSpan.FromMilliseconds(200));
        await CommitAsync(session, 0, 2, SessionCommitStatus.Durable);

        _store.Frozen = true;
        await Assert.ThrowsAsync<TimeoutRejectedException>(() => session.RecoverAsync(Ct));

        Assert.Equal(0, session.State.Version);
        Assert.Equal(0, _resilience!.Throttle.InProgress);
    }

    [Fact]
    public async Task Degrade_mode_applies_changes_in_memory_only_and_a_catch_up_snapshot_stores_them_when_the_store_returns()
    {
        var session = NewSession(OnStoreOutage.Degrade);
        await CommitAsync(session, 0, 3, SessionCommitStatus.Durable);
        await OpenCircuitAsync(session, 3);
        var stored = session.StoredVersion;

        await CommitAsync(session, 3, 2, SessionCommitStatus.Degraded);

        Assert.True(session.IsDegraded);
        Assert.Equal(1, _resilience!.Degraded.Count);
        Assert.Equal(stored, session.StoredVersion);
        Assert.Equal(stored, (await _store.LoadAsync(session.GameId, cancellationToken: Ct))!.Version);

        // The store is back; the next command (after the break) carries the catch-up snapshot and is durable.
        _store.FailAppends = false;
        await WaitForBreakToEndAsync();
        await CommitAsync(session, 5, 1, SessionCommitStatus.Durable);

        Assert.False(session.IsDegraded);
        Assert.Equal(0, _resilience.Degraded.Count);
        await AssertStoredEqualsLiveAsync(session);
    }

    [Fact]
    public async Task A_degraded_game_nobody_touches_is_levelled_by_the_catch_up_pass()
    {
        var session = NewSession(OnStoreOutage.Degrade);
        await CommitAsync(session, 0, 3, SessionCommitStatus.Durable);
        await OpenCircuitAsync(session, 3);
        await CommitAsync(session, 3, 2, SessionCommitStatus.Degraded);

        Assert.Equal(SessionCommitStatus.Failed, (await session.CatchUpAsync(Ct)).Status);
        Assert.True(session.IsDegraded);

        _store.FailAppends = false;
        await WaitForBreakToEndAsync();
        Assert.Equal(SessionCommitStatus.Durable, (await session.CatchUpAsync(Ct)).Status);

        Assert.False(session.IsDegraded);
        await AssertStoredEqualsLiveAsync(session);
    }

    [Fact]
    public async Task A_game_that_ends_while_degraded_stores_its_final_state_when_the_store_returns()
    {
        var session = NewSession(OnStoreOutage.Degrade);
        await CommitAsync(session, 0, 3, SessionCommitStatus.Durable);
        await OpenCircuitAsync(session, 3);
        await CommitAsync(session, 3, _game.Steps.Count - 3, SessionCommitStatus.Degraded);
        Assert.True(session.State.Phase.IsTerminal);

        _store.FailAppends = false;
        await WaitForBreakToEndAsync();
        Assert.Equal(SessionCommitStatus.Durable, (await session.CatchUpAsync(Ct)).Status);

        await AssertStoredEqualsLiveAsync(session);
    }

    [Fact]
    public async Task A_catch_up_that_landed_after_timing_out_is_not_taken_for_the_next_catch_up()
    {
        // Regression: every snapshot-only commit once had the same batch id, so the second catch-up at the same
        // expected version looked like a retry of the first (which had landed after its reply was lost) and was
        // acknowledged Durable without being stored.
        var session = NewSession(OnStoreOutage.Degrade);
        await CommitAsync(session, 0, 3, SessionCommitStatus.Durable);
        await OpenCircuitAsync(session, 3);
        await CommitAsync(session, 3, 1, SessionCommitStatus.Degraded);
        _store.FailAppends = false;
        await WaitForBreakToEndAsync();

        _store.LoseNextReply = true;
        Assert.Equal(SessionCommitStatus.Failed, (await session.CommitAsync(Change(session, 4), On, Ct)).Status);
        // Another command now (the frontend moved on): its catch-up must not pass for the landed one.
        var other = Change(session, 4) with { CommandId = Guid.NewGuid() };
        await WaitForBreakToEndAsync();
        var next = await session.CommitAsync(other, On, Ct);

        Assert.Equal(SessionCommitStatus.Conflict, next.Status);
        await session.RecoverAsync(Ct);
        Assert.True(session.Window.TryGet(_game.Steps[4].Command.CommandId, out var landed));
        Assert.Equal(session.State.Version, landed.Version);
        Assert.False(session.Window.TryGet(other.CommandId, out _));
    }

    [Fact]
    public async Task Degrade_mode_refuses_past_the_events_per_game_bound_and_applies_nothing()
    {
        var session = NewSession(OnStoreOutage.Degrade, maxEventsPerGame: 2);
        await CommitAsync(session, 0, 3, SessionCommitStatus.Durable);
        await OpenCircuitAsync(session, 3);
        await CommitAsync(session, 3, 2, SessionCommitStatus.Degraded);
        var before = session.State;

        var refused = await session.CommitAsync(Change(session, 5), On, Ct);

        Assert.Equal(SessionCommitStatus.Failed, refused.Status);
        Assert.Equal(StoreRejection.DegradedBacklogFull, Assert.IsType<StoreCallRejectedException>(refused.Error).Reason);
        Assert.Equal(before, session.State);
    }

    [Fact]
    public async Task Degrade_mode_refuses_a_game_past_the_silo_bound_on_degraded_games()
    {
        var first = NewSession(OnStoreOutage.Degrade, maxGames: 1);
        var second = NewSession(OnStoreOutage.Degrade, maxGames: 1, gameId: "another-game", reuse: true);
        await CommitAsync(first, 0, 3, SessionCommitStatus.Durable);
        await CommitAsync(second, 0, 3, SessionCommitStatus.Durable);
        await OpenCircuitAsync(first, 3);

        await CommitAsync(first, 3, 1, SessionCommitStatus.Degraded);
        var refused = await second.CommitAsync(Change(second, 3), On, Ct);

        Assert.Equal(StoreRejection.DegradedBacklogFull, Assert.IsType<StoreCallRejectedException>(refused.Error).Reason);
        first.Close();
        await CommitAsync(second, 3, 1, SessionCommitStatus.Degraded);
    }

    [Fact]
    public async Task Recovery_slots_make_further_loads_wait_and_a_load_that_waits_too_long_is_refused()
    {
        using var throttle = new RecoveryThrottle(1, TimeSpan.FromMilliseconds(200));
        var first = await throttle.EnterAsync(Ct);
        var waiting = throttle.EnterAsync(Ct).AsTask();

        var refused = await Assert.ThrowsAsync<StoreCallRejectedException>(() => waiting);
        Assert.Equal(StoreRejection.RecoveryQueueFull, refused.Reason);

        var queued = throttle.EnterAsync(Ct).AsTask();
        Assert.False(queued.IsCompleted);
        first.Dispose();
        using var second = await queued.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(1, throttle.InProgress);
    }

    private GameSession NewSession(OnStoreOutage mode, TimeSpan? callTimeout = null, int maxEventsPerGame = 1000, int maxGames = 100, string? gameId = null, bool reuse = false)
    {
        if (!reuse)
        {
            _resilience?.Dispose();
            _resilience = new StoreResilience("test", new ResilienceOptions
            {
                OnStoreOutage = mode,
                StoreCallTimeout = callTimeout ?? TimeSpan.FromSeconds(5),
                MinimumThroughput = 4,
                FailureRatio = 0.5,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromMilliseconds(500),
                MaxDegradedEventsPerGame = maxEventsPerGame,
                MaxDegradedGames = maxGames,
            }, writeAttempts: 1);
        }

        var options = new PersistenceOptions();
        var clock = new FakeTimeProvider(RecordFactory.T0);
        var repository = Testing.Repositories.For(_store, options, clock);
        return new GameSession(gameId ?? _game.Final.GameId, repository, _resilience!, options.RecentCommandWindow);
    }

    private async Task OpenCircuitAsync(GameSession session, int step)
    {
        _store.FailAppends = true;
        for (var i = 0; i < 10 && !_resilience!.Circuit.IsOpen; i++)
        {
            Assert.Equal(SessionCommitStatus.Failed, (await session.CommitAsync(Change(session, step), On, Ct)).Status);
        }

        Assert.True(_resilience!.Circuit.IsOpen);
    }

    private static async Task WaitForBreakToEndAsync()
    {
        // The break lasts 500 ms; the circuit lets one trial call through after it.
        await Task.Delay(TimeSpan.FromMilliseconds(700), Ct);
    }

    private async Task CommitAsync(GameSession session, int skip, int count, SessionCommitStatus expected)
    {
        foreach (var index in Enumerable.Range(skip, count))
        {
            var result = await session.CommitAsync(Change(session, index), On, Ct);
            Assert.True(expected == result.Status, $"step {index}: {result.Status} {result.Error}");
        }
    }

    private async Task AssertStoredEqualsLiveAsync(GameSession session)
    {
        Assert.Equal(session.State.Version, session.StoredVersion);
        var recovered = NewSession(OnStoreOutage.FailFast, reuse: true);
        await recovered.RecoverAsync(Ct);
        Assert.Equal(session.State, recovered.State);
    }

    private PendingChange Change(GameSession session, int index)
    {
        var step = _game.Steps[index];
        var command = session.GameId == _game.Final.GameId ? step.Command : step.Command with { CommandId = Guid.NewGuid() };
        return new(command.CommandId, CommandFingerprint.Of(command), step.Events.AsImmutableArray(), GameDecider.Default.Fold(session.State, step.Events));
    }
}
