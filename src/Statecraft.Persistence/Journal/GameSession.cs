using Statecraft.Engine.Core;
using Statecraft.Engine.Events;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Resilience;
using Statecraft.Persistence.Telemetry;

namespace Statecraft.Persistence.Journal;

/// <summary>
/// One game's journal as its single owner (a game grain's activation) keeps it: the live state, how much of it is
/// stored, the snapshot position and the recent-command window. It decides what each commit contains — the command's
/// events, a catch-up snapshot after a time with persistence off, a final snapshot on deactivation — and applies a
/// change to the live state only once it is stored (or when persistence is off). Orleans-free and not thread-safe:
/// its owner calls it one operation at a time. Every store call goes through the silo's <see cref="StoreResilience"/>:
/// loads wait for a recovery slot, and while the store's circuit is open commits either fail at once or, in Degrade
/// mode, are applied in memory only until a catch-up snapshot brings storage level.
/// </summary>
public sealed class GameSession
{
    private readonly GameRepository _repository;
    private readonly StoreResilience _resilience;

    /// <summary>Creates the session of <paramref name="gameId"/> in its initial, not yet loaded state.</summary>
    /// <param name="gameId">The game.</param>
    /// <param name="repository">Recovery and commits.</param>
    /// <param name="resilience">The silo's circuit, recovery throttle and degraded-game registry, shared by every session.</param>
    /// <param name="windowCapacity">How many recent commands are remembered for idempotency.</param>
    public GameSession(string gameId, GameRepository repository, StoreResilience resilience, int windowCapacity)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(resilience);
        GameId = gameId;
        _repository = repository;
        _resilience = resilience;
        Window = new RecentCommandWindow(windowCapacity, []);
        State = GameDecider.Initial(gameId);
    }

    /// <summary>The game.</summary>
    public string GameId { get; }

    /// <summary>The live state: every accepted change, stored or (with persistence off) in memory only.</summary>
    public GameState State { get; private set; }

    /// <summary>The version storage holds; behind <see cref="State"/> while persistence is off.</summary>
    public long StoredVersion { get; private set; }

    /// <summary>Where the last snapshot is, for the snapshot policy.</summary>
    public StreamPosition Position { get; private set; } = StreamPosition.New;

    /// <summary>The recent commands, for idempotent retries and reused-id checks.</summary>
    public RecentCommandWindow Window { get; private set; }

    /// <summary>True when storage lags the live state (persistence was off for a while, or the store was out).</summary>
    public bool IsBehind => StoredVersion < State.Version;

    /// <summary>True when changes were accepted in memory only because the store was out (Degrade mode) and are not stored yet.</summary>
    public bool IsDegraded { get; private set; }

    /// <summary>
    /// Puts the session back at the initial state: nothing applied, nothing stored. What an activation starts from
    /// when it does not (or may not) read storage.
    /// </summary>
    public void Reset()
    {
        LeaveDegraded();
        State = GameDecider.Initial(GameId);
        Window = new RecentCommandWindow(Window.Capacity, []);
        StoredVersion = 0;
        Position = StreamPosition.New;
    }

    /// <summary>
    /// Rebuilds the game from storage, starting over from the initial state (a reload after a conflict must not keep
    /// anything of the state it replaces); the session stays at the initial state when nothing is stored.
    /// </summary>
    /// <returns>What recovery found, or null when nothing is stored.</returns>
    /// <exception cref="GameRecoveryException">The stored game cannot be rebuilt; the session stays at the initial state.</exception>
    /// <exception cref="StoreCallRejectedException">The circuit is open or no recovery slot freed up in time.</exception>
    public async Task<RecoveredGame?> RecoverAsync(CancellationToken cancellationToken = default)
    {
        Reset();
        using var slot = await _resilience.Throttle.EnterAsync(cancellationToken).ConfigureAwait(false);
        var recovered = await _resilience.Circuit.ExecuteAsync(
            static async (state, token) => await state.Repository.LoadAsync(state.GameId, token).ConfigureAwait(false),
            (Repository: _repository, GameId),
            cancellationToken).ConfigureAwait(false);
        if (recovered is not null)
        {
            State = recovered.Snapshot.State;
            Window = new RecentCommandWindow(Window.Capacity, recovered.Snapshot.RecentCommands);
            StoredVersion = recovered.Version;
            Position = recovered.Position;
        }

        return recovered;
    }

    /// <summary>
    /// Makes <paramref name="change"/> durable (or, with persistence off, applies it in memory only) and then applies
    /// it to <see cref="State"/>; on a conflict or a store failure nothing changes. While the store's circuit is open
    /// in Degrade mode the change is applied in memory only, within the backlog bounds.
    /// </summary>
    public async Task<SessionCommit> CommitAsync(PendingChange change, JournalSwitches switches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.After.Version != State.Version + change.Events.Count)
        {
            throw new ArgumentException($"The change ends at version {change.After.Version}, not {State.Version} + {change.Events.Count} events.", nameof(change));
        }

        var added = Enumerable.Range(0, change.Events.Count)
            .Select(i => new ProcessedCommand(change.CommandId, State.Version + i + 1, change.Fingerprint))
            .ToList();
        var recentAfter = Window.Preview(added);
        if (!switches.Persist)
        {
            Apply(change.After, added, recentAfter);
            return SessionCommit.MemoryOnly;
        }

        var commit = IsBehind
            // Persistence was off or the store out for a while: storage lacks some events, so one snapshot brings it level.
            ? new Commit(GameId, StoredVersion, [], new GameSnapshot(change.After, recentAfter), Position, PhaseChanged: false, SnapshotReason.CatchUp)
            : new Commit(GameId, StoredVersion, [.. change.Events.Select(e => new JournaledEvent(change.CommandId, e, change.Fingerprint))],
                new GameSnapshot(change.After, recentAfter), Position, PhaseChanged: State.Phase != change.After.Phase, AllowSnapshots: switches.Snapshots);
        try
        {
            var result = await StoreAsync(commit, cancellationToken).ConfigureAwait(false);
            if (result.Append.Status == AppendStatus.Conflict)
            {
                return SessionCommit.Conflict;
            }

            StoredVersion = change.After.Version;
            Position = result.Position;
            Apply(change.After, added, recentAfter);
            LeaveDegraded();
            return result.Append.Status == AppendStatus.AlreadyApplied ? SessionCommit.StoredBefore : SessionCommit.Durable;
        }
        catch (StoreCallRejectedException rejected) when (rejected.Reason == StoreRejection.CircuitOpen && _resilience.CanDegrade)
        {
            return Degrade(change.After, added, recentAfter);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return SessionCommit.Failed(exception);
        }
    }

    /// <summary>
    /// Stores the catch-up snapshot of a degraded game (the background pass for games nobody touches); does nothing
    /// when storage is level.
    /// </summary>
    /// <returns>Durable when storage is level now; Conflict when another writer got there first (reload); Failed otherwise.</returns>
    public async Task<SessionCommit> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        if (!IsBehind)
        {
            LeaveDegraded();
            return SessionCommit.Durable;
        }

        var commit = new Commit(GameId, StoredVersion, [], new GameSnapshot(State, Window.ToArray()), Position, PhaseChanged: false, SnapshotReason.CatchUp);
        try
        {
            var result = await StoreAsync(commit, cancellationToken).ConfigureAwait(false);
            if (result.Append.Status == AppendStatus.Conflict)
            {
                return SessionCommit.Conflict;
            }

            StoredVersion = State.Version;
            Position = result.Position;
            LeaveDegraded();
            return SessionCommit.Durable;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return SessionCommit.Failed(exception);
        }
    }

    /// <summary>
    /// Whether storage still holds exactly what this session last stored. An answer that changes nothing (a refusal)
    /// writes nothing, so no version check would notice that another activation has moved the game on — in a split
    /// brain, or a failover race — and the refusal could contradict a command that activation acknowledged.
    /// </summary>
    /// <returns>Current, Stale (reload and decide again), or Unconfirmed (degraded, or the store did not answer).</returns>
    public async Task<StoreConfirmation> ConfirmAsync(CancellationToken cancellationToken = default)
    {
        if (IsDegraded)
        {
            return StoreConfirmation.Unconfirmed;
        }

        try
        {
            var stored = await _resilience.Circuit.ExecuteAsync(
                static async (state, token) => await state.Repository.StoredVersionAsync(state.GameId, token).ConfigureAwait(false),
                (Repository: _repository, GameId),
                cancellationToken).ConfigureAwait(false);
            return stored == StoredVersion ? StoreConfirmation.Current : StoreConfirmation.Stale;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return StoreConfirmation.Unconfirmed;
        }
    }

    /// <summary>The session is going away: it no longer counts against the degraded-game bound.</summary>
    public void Close() => LeaveDegraded();

    /// <summary>
    /// Writes the snapshot a deactivating game leaves behind: always when storage lags the live state (the only way to
    /// bring it level), otherwise when snapshots are on and the policy asks for one. Best effort: the events are
    /// stored already, the snapshot only shortens the next recovery.
    /// </summary>
    /// <returns>True when a snapshot was written.</returns>
    public async Task<bool> WriteFinalSnapshotAsync(JournalSwitches switches, CancellationToken cancellationToken = default)
    {
        if (State.Version == 0 || !switches.Persist)
        {
            return false;
        }

        var wanted = IsBehind || (switches.Snapshots && _repository.Policy.OnDeactivation(State.Version - Position.SnapshotVersion));
        if (!wanted)
        {
            return false;
        }

        var commit = new Commit(GameId, StoredVersion, [], new GameSnapshot(State, Window.ToArray()), Position, PhaseChanged: false,
            IsBehind ? SnapshotReason.CatchUp : SnapshotReason.Deactivation);
        var result = await StoreAsync(commit, cancellationToken).ConfigureAwait(false);
        if (!result.Append.IsDurable)
        {
            return false;
        }

        StoredVersion = State.Version;
        Position = result.Position;
        LeaveDegraded();
        return true;
    }

    private ValueTask<CommitResult> StoreAsync(Commit commit, CancellationToken cancellationToken) =>
        _resilience.Circuit.ExecuteAsync(
            static async (state, token) => await state.Repository.CommitAsync(state.Commit, token).ConfigureAwait(false),
            (Repository: _repository, Commit: commit),
            cancellationToken);

    /// <summary>Accepts a change in memory only while the store is out, unless the degraded backlog is full.</summary>
    private SessionCommit Degrade(GameState after, List<ProcessedCommand> added, EquatableArray<ProcessedCommand> recentAfter)
    {
        var unstored = after.Version - StoredVersion;
        if (unstored > _resilience.Options.MaxDegradedEventsPerGame || !_resilience.Degraded.TryEnter(GameId))
        {
            ResilienceMetrics.Rejected(StoreRejection.DegradedBacklogFull);
            return SessionCommit.Failed(new StoreCallRejectedException(StoreRejection.DegradedBacklogFull, unstored > _resilience.Options.MaxDegradedEventsPerGame
                ? $"Game '{GameId}' would hold {unstored} events the store has not got, over the limit of {_resilience.Options.MaxDegradedEventsPerGame}; the command was not applied."
                : $"This silo already runs {_resilience.Degraded.Capacity} games in memory only while the store is out; the command was not applied."));
        }

        IsDegraded = true;
        Apply(after, added, recentAfter);
        return SessionCommit.Degraded;
    }

    private void LeaveDegraded()
    {
        if (IsDegraded)
        {
            IsDegraded = false;
            _resilience.Degraded.Leave(GameId);
        }
    }

    private void Apply(GameState after, List<ProcessedCommand> added, EquatableArray<ProcessedCommand> recentAfter)
    {
        State = after;
        Window.Accept(added, recentAfter);
    }
}

/// <summary>A decided change: the command's events, its id and fingerprint, and the state after the events.</summary>
public sealed record PendingChange(Guid CommandId, ulong Fingerprint, IReadOnlyList<GameEvent> Events, GameState After);

/// <summary>The runtime switches a commit follows (the feature flags, read by the owner).</summary>
/// <param name="Persist">Store changes; off, changes live in memory only and storage catches up later.</param>
/// <param name="Snapshots">Write snapshots the policy asks for; off, events only (a catch-up snapshot is still written).</param>
public readonly record struct JournalSwitches(bool Persist, bool Snapshots);

/// <summary>What a commit did.</summary>
public sealed record SessionCommit
{
    private SessionCommit(SessionCommitStatus status, Exception? error)
    {
        Status = status;
        Error = error;
    }

    /// <summary>Stored and applied.</summary>
    public static SessionCommit Durable { get; } = new(SessionCommitStatus.Durable, null);

    /// <summary>
    /// Found stored already (the store recognised the batch: an earlier attempt whose answer was lost, or another
    /// activation of the game — a failover race or a split brain — that applied the same command) and applied.
    /// </summary>
    public static SessionCommit StoredBefore { get; } = new(SessionCommitStatus.Durable, null) { WasStoredBefore = true };

    /// <summary>Applied in memory only (persistence off).</summary>
    public static SessionCommit MemoryOnly { get; } = new(SessionCommitStatus.MemoryOnly, null);

    /// <summary>Applied in memory only because the store is out (Degrade mode); a catch-up snapshot will store it.</summary>
    public static SessionCommit Degraded { get; } = new(SessionCommitStatus.Degraded, null);

    /// <summary>Storage is at another version (another writer); nothing applied.</summary>
    public static SessionCommit Conflict { get; } = new(SessionCommitStatus.Conflict, null);

    /// <summary>The outcome.</summary>
    public SessionCommitStatus Status { get; }

    /// <summary>Why the store failed, for <see cref="SessionCommitStatus.Failed"/>.</summary>
    public Exception? Error { get; }

    /// <summary>True when the change was in the store before this commit (so the command is a replay, not applied now).</summary>
    public bool WasStoredBefore { get; private init; }

    /// <summary>The store failed after retries; nothing applied.</summary>
    public static SessionCommit Failed(Exception error) => new(SessionCommitStatus.Failed, error);
}

/// <summary>The outcome of <see cref="GameSession.CommitAsync"/>.</summary>
public enum SessionCommitStatus
{
    /// <summary>Stored and applied.</summary>
    Durable,

    /// <summary>Applied in memory only.</summary>
    MemoryOnly,

    /// <summary>Applied in memory only because the store is out; stored later by a catch-up snapshot.</summary>
    Degraded,

    /// <summary>Another writer changed the stream; nothing applied.</summary>
    Conflict,

    /// <summary>The store failed; nothing applied.</summary>
    Failed,
}
