using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Statecraft.Engine.Core;
using Statecraft.Persistence.Codec;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;
using Statecraft.Persistence.Telemetry;

namespace Statecraft.Persistence.Journal;

/// <summary>
/// Games in storage as the grain layer sees them: recovery (newest valid snapshot plus the events after it, falling
/// back past damaged snapshots, checked against the rules' invariants), commits that follow the configured strategy
/// and snapshot policy, housekeeping after snapshots, and time travel. Orleans-free; one instance serves all games.
/// </summary>
public sealed partial class GameRepository(
    IGameStreamStore store,
    GameCodec codec,
    GameDecider decider,
    SnapshotPolicy policy,
    IOptions<PersistenceOptions> options,
    TimeProvider time,
    ILogger<GameRepository> logger)
{
    private readonly PersistenceOptions _options = options.Value;

    /// <summary>The snapshot policy in force.</summary>
    public SnapshotPolicy Policy => policy;

    /// <summary>Rebuilds a game from storage, or null when nothing is stored under <paramref name="gameId"/>.</summary>
    /// <exception cref="GameRecoveryException">The stored game cannot be rebuilt without losing acknowledged data.</exception>
    public Task<RecoveredGame?> LoadAsync(string gameId, CancellationToken cancellationToken = default) =>
        RebuildAsync(gameId, upTo: null, cancellationToken);

    /// <summary>
    /// The version storage holds for <paramref name="gameId"/> (0 when nothing is stored): compared with what an
    /// activation last stored, it tells whether another writer has moved the game on.
    /// </summary>
    public async Task<long> StoredVersionAsync(string gameId, CancellationToken cancellationToken = default) =>
        (await store.LoadAsync(gameId, cancellationToken: cancellationToken).ConfigureAwait(false))?.Version ?? 0;

    /// <summary>The game's state right after event <paramref name="version"/> (time travel), or null if it does not exist.</summary>
    /// <exception cref="GameRecoveryException">The events needed are no longer stored (compacted) or are damaged.</exception>
    public async Task<GameState?> LoadAtVersionAsync(string gameId, long version, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return (await RebuildAsync(gameId, version, cancellationToken).ConfigureAwait(false))?.Snapshot.State;
    }

    /// <summary>
    /// The one rebuild loop: the newest snapshot (at or below <paramref name="upTo"/> when given) plus the events after
    /// it, checked against the invariants; a snapshot that cannot be decoded or leads to an invalid state is skipped for
    /// an older one, down to the events alone.
    /// </summary>
    private async Task<RecoveredGame?> RebuildAsync(string gameId, long? upTo, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var snapshotBefore = upTo + 1;
        while (true)
        {
            var stored = await store.LoadAsync(gameId, snapshotBefore, cancellationToken).ConfigureAwait(false);
            if (stored is null || upTo > stored.Version)
            {
                return null;
            }

            if (upTo is { } version)
            {
                stored = stored with { Header = stored.Header with { Version = version }, Events = [.. stored.Events.Where(e => e.Version <= version)] };
            }

            var snapshot = TryDecodeSnapshot(gameId, stored.Snapshot, problems);
            if (stored.Snapshot is not null && snapshot is null)
            {
                snapshotBefore = stored.Snapshot.Version;
                continue;
            }

            var rebuilt = Replay(gameId, stored, snapshot);
            var violations = decider.Validate(rebuilt.State);
            if (violations.IsEmpty)
            {
                var outcome = problems.Count == 0 ? RecoveryOutcome.Clean : RecoveryOutcome.FellBack;
                if (upTo is null)
                {
                    JournalMetrics.Recoveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome == RecoveryOutcome.Clean ? "clean" : "fell_back"));
                    JournalMetrics.ReplayedEvents.Record(stored.Events.Count);
                }

                var position = new StreamPosition(stored.Snapshot?.Version ?? 0, stored.Snapshot?.At ?? rebuilt.State.CreatedAt);
                return new RecoveredGame(rebuilt, stored.Version, position, outcome, problems);
            }

            var detail = string.Join("; ", violations);
            if (stored.Snapshot is null)
            {
                throw Failed(new GameRecoveryException(gameId, RecoveryFailure.InvalidState, detail));
            }

            // A snapshot written by faulty code can hold a state its events would never produce; try an older one.
            problems.Add($"snapshot {stored.Snapshot.Version} leads to an invalid state: {detail}");
            LogSnapshotSkipped(gameId, stored.Snapshot.Version, detail);
            snapshotBefore = stored.Snapshot.Version;
        }
    }

    /// <summary>
    /// Makes a commit durable according to the strategy: events (hybrid, event-sourced), a snapshot when the policy or
    /// the caller asks (hybrid) or always (snapshot-only). A snapshot's append also prunes the older snapshots; events
    /// are compacted after a snapshot that crosses a compaction boundary, best effort.
    /// </summary>
    public async Task<CommitResult> CommitAsync(Commit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var state = commit.After.State;
        var newVersion = commit.NewVersion;
        if (newVersion != commit.ExpectedVersion + commit.Events.Count && commit.Events.Count > 0)
        {
            throw new ArgumentException($"The state is at version {newVersion}, but {commit.Events.Count} events after {commit.ExpectedVersion} end at {commit.ExpectedVersion + commit.Events.Count}.", nameof(commit));
        }

        var reason = commit.ForcedSnapshot
            ?? (commit.AllowSnapshots ? policy.ForCommit(newVersion - commit.Position.SnapshotVersion, commit.Position.LastSnapshotAt, commit.PhaseChanged) : null);
        // Snapshot-only keeps no history, but with snapshots switched off the events are the only record, so write them.
        var writeEvents = _options.Strategy != PersistenceStrategy.SnapshotOnly || !commit.AllowSnapshots;
        var events = !writeEvents
            ? []
            : commit.Events.Select((e, i) => Encode(commit.GameId, commit.ExpectedVersion + i + 1, e)).ToList();
        if (events.Count == 0 && reason is null)
        {
            // No events and no snapshot asked for: there is nothing to store (not "stored before": nothing was).
            return new CommitResult(AppendResult.Appended(commit.ExpectedVersion), commit.Position, null);
        }

        var now = time.GetUtcNow();
        var snapshot = reason is null ? null : new SnapshotRecord(newVersion, now, codec.EncodeSnapshot(commit.GameId, newVersion, commit.After));
        var updatedAt = state.UpdatedAt ?? now;
        var header = new GameHeader(commit.GameId, state.RulesetId, state.Phase.Name, newVersion, updatedAt, state.Phase.IsTerminal ? updatedAt : null);
        var request = new AppendRequest(header, commit.ExpectedVersion, events, snapshot, commit.BatchId, snapshot is null ? 0 : policy.SnapshotsToKeep(commit.Position.SnapshotVersion, newVersion));
        var result = await store.AppendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!result.IsDurable || snapshot is null)
        {
            return new CommitResult(result, commit.Position, null);
        }

        JournalMetrics.SnapshotsWritten.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));
        await CompactIfDueAsync(commit.GameId, commit.Position.SnapshotVersion, newVersion, cancellationToken).ConfigureAwait(false);
        return new CommitResult(result, new StreamPosition(newVersion, now), reason);
    }

    private EventRecord Encode(string gameId, long version, JournaledEvent journaled) =>
        new(version, journaled.CommandId, journaled.Event.At, codec.EncodeEvent(gameId, version, journaled.Event), journaled.CommandFingerprint);

    private GameSnapshot? TryDecodeSnapshot(string gameId, SnapshotRecord? record, List<string> problems)
    {
        if (record is null)
        {
            return null;
        }

        try
        {
            var snapshot = codec.DecodeSnapshot(gameId, record.Version, record.Payload);
            if (snapshot.State.Version == record.Version && snapshot.State.GameId == gameId)
            {
                return snapshot;
            }

            problems.Add($"snapshot {record.Version} holds {snapshot.State.GameId} at version {snapshot.State.Version}");
        }
        catch (Exception exception) when (exception is CorruptRecordException or UnknownRecordTypeException)
        {
            problems.Add($"snapshot {record.Version}: {exception.Message}");
        }

        LogSnapshotSkipped(gameId, record.Version, problems[^1]);
        return null;
    }

    private GameSnapshot Replay(string gameId, StoredGame stored, GameSnapshot? snapshot)
    {
        var state = snapshot?.State ?? GameDecider.Initial(gameId);
        var window = new RecentCommandWindow(_options.RecentCommandWindow, snapshot?.RecentCommands ?? []);
        var expected = state.Version + 1;
        foreach (var record in stored.Events)
        {
            if (record.Version != expected)
            {
                throw Failed(new GameRecoveryException(gameId, RecoveryFailure.MissingEvents, $"expected event {expected}, found {record.Version}"));
            }

            try
            {
                state = decider.Evolve(state, codec.DecodeEvent(gameId, record.Version, record.Payload));
            }
            catch (Exception exception) when (exception is CorruptRecordException or UnknownRecordTypeException or InvalidOperationException)
            {
                throw Failed(new GameRecoveryException(gameId, RecoveryFailure.CorruptEvent, exception.Message, exception));
            }

            window.Add(record.CommandId, record.Version, record.CommandFingerprint);
            expected++;
        }

        if (state.Version != stored.Version)
        {
            throw Failed(new GameRecoveryException(gameId, RecoveryFailure.MissingEvents, $"the stream is at version {stored.Version} but its events end at {state.Version}"));
        }

        return new GameSnapshot(state, window.ToArray());
    }

    private async Task CompactIfDueAsync(string gameId, long previousSnapshotVersion, long snapshotVersion, CancellationToken cancellationToken)
    {
        try
        {
            if (policy.ShouldCompact(previousSnapshotVersion, snapshotVersion))
            {
                var dropped = await store.CompactAsync(gameId, cancellationToken).ConfigureAwait(false);
                LogCompacted(gameId, dropped, snapshotVersion);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The commit is already durable; compaction runs again after the next snapshot that crosses a boundary.
            LogHousekeepingFailed(exception, gameId);
        }
    }

    private GameRecoveryException Failed(GameRecoveryException exception)
    {
        JournalMetrics.Recoveries.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
        LogRecoveryFailed(exception, exception.GameId, exception.Failure);
        return exception;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Skipping snapshot {Version} of game {GameId}: {Reason}")]
    private partial void LogSnapshotSkipped(string gameId, long version, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Game {GameId} cannot be recovered: {Failure}")]
    private partial void LogRecoveryFailed(Exception exception, string gameId, RecoveryFailure failure);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Compacted game {GameId}: {Dropped} events up to the oldest snapshot dropped after snapshot {Version}")]
    private partial void LogCompacted(string gameId, long dropped, long version);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Housekeeping of game {GameId} failed; it will be retried after the next snapshot")]
    private partial void LogHousekeepingFailed(Exception exception, string gameId);
}
