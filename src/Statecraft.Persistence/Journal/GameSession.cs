using Polly;
using Statecraft.Engine.Core;
using Statecraft.Engine.Events;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Records;

namespace Statecraft.Persistence.Journal;

/// <summary>
/// One game's journal as its single owner (a game grain's activation) keeps it: the live state, how much of it is
/// stored, the snapshot position and the recent-command window. It decides what each commit contains — the command's
/// events, a catch-up snapshot after a time with persistence off, a final snapshot on deactivation — and applies a
/// change to the live state only once it is stored (or when persistence is off). Orleans-free and not thread-safe:
/// its owner calls it one operation at a time.
/// </summary>
public sealed class GameSession
{
    private readonly GameRepository _repository;
    private readonly ResiliencePipeline _storeRetry;

    /// <summary>Creates the session of <paramref name="gameId"/> in its initial, not yet loaded state.</summary>
    /// <param name="gameId">The game.</param>
    /// <param name="repository">Recovery and commits.</param>
    /// <param name="storeRetry">Retries for transient store failures; shared by every session of a silo.</param>
    /// <param name="windowCapacity">How many recent commands are remembered for idempotency.</param>
    public GameSession(string gameId, GameRepository repository, ResiliencePipeline storeRetry, int windowCapacity)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(storeRetry);
        GameId = gameId;
        _repository = repository;
        _storeRetry = storeRetry;
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

    /// <summary>True when storage lags the live state (persistence was off for a while).</summary>
    public bool IsBehind => StoredVersion < State.Version;

    /// <summary>
    /// Puts the session back at the initial state: nothing applied, nothing stored. What an activation starts from
    /// when it does not (or may not) read storage.
    /// </summary>
    public void Reset()
    {
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
    public async Task<RecoveredGame?> RecoverAsync(CancellationToken cancellationToken = default)
    {
        Reset();
        var recovered = await _repository.LoadAsync(GameId, cancellationToken).ConfigureAwait(false);
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
    /// it to <see cref="State"/>; on a conflict or a store failure nothing changes.
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
            // Persistence was off for a while: storage lacks some events, so one snapshot brings it level.
            ? new Commit(GameId, StoredVersion, [], new GameSnapshot(change.After, recentAfter), Position, PhaseChanged: false, SnapshotReason.CatchUp)
            : new Commit(GameId, StoredVersion, [.. change.Events.Select(e => new JournaledEvent(change.CommandId, e, change.Fingerprint))],
                new GameSnapshot(change.After, recentAfter), Position, PhaseChanged: State.Phase != change.After.Phase, AllowSnapshots: switches.Snapshots);
        try
        {
            var result = await _storeRetry.ExecuteAsync(
                static async (state, token) => await state.Repository.CommitAsync(state.Commit, token).ConfigureAwait(false),
                (Repository: _repository, Commit: commit),
                cancellationToken).ConfigureAwait(false);
            if (result.Append.Status == AppendStatus.Conflict)
            {
                return SessionCommit.Conflict;
            }

            StoredVersion = change.After.Version;
            Position = result.Position;
            Apply(change.After, added, recentAfter);
            return SessionCommit.Durable;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return SessionCommit.Failed(exception);
        }
    }

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
        var result = await _repository.CommitAsync(commit, cancellationToken).ConfigureAwait(false);
        if (!result.Append.IsDurable)
        {
            return false;
        }

        StoredVersion = State.Version;
        Position = result.Position;
        return true;
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

    /// <summary>Applied in memory only (persistence off).</summary>
    public static SessionCommit MemoryOnly { get; } = new(SessionCommitStatus.MemoryOnly, null);

    /// <summary>Storage is at another version (another writer); nothing applied.</summary>
    public static SessionCommit Conflict { get; } = new(SessionCommitStatus.Conflict, null);

    /// <summary>The outcome.</summary>
    public SessionCommitStatus Status { get; }

    /// <summary>Why the store failed, for <see cref="SessionCommitStatus.Failed"/>.</summary>
    public Exception? Error { get; }

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

    /// <summary>Another writer changed the stream; nothing applied.</summary>
    Conflict,

    /// <summary>The store failed; nothing applied.</summary>
    Failed,
}
