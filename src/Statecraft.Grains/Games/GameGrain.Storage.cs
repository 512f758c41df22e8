using Microsoft.Extensions.Logging;
using Orleans.EventSourcing.CustomStorage;
using Statecraft.Abstractions.Flags;
using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Records;

namespace Statecraft.Grains.Games;

/// <summary>
/// The custom-storage side of the journaled grain. Orleans' adaptor re-reads and retries forever when a write returns
/// false or throws, which would spin on a permanent conflict; so <see cref="ApplyUpdatesToStorage"/> always returns
/// true, records the real outcome in <see cref="_lastWrite"/>, and <see cref="TransitionState"/> applies a batch only
/// when it was stored (or persistence is off). The command handler turns the outcome into the answer.
/// </summary>
public sealed partial class GameGrain : ICustomStorageInterface<GameJournalState, GameJournalEntry>
{
    private bool _applyBatch;

    // The window's array form, kept in step with _window so a commit never rebuilds the window to snapshot it.
    private EquatableArray<ProcessedCommand> _recent;

    /// <inheritdoc />
    public async Task<KeyValuePair<int, GameJournalState>> ReadStateFromStorage()
    {
        _window = new RecentCommandWindow(_persistence.RecentCommandWindow, []);
        _recent = default;
        _position = StreamPosition.New;
        _storedVersion = 0;
        _refusal = null;
        var empty = new KeyValuePair<int, GameJournalState>(0, new GameJournalState { Game = GameDecider.Initial(GameId) });
        if (!GameLimits.IsValidGameId(GameId))
        {
            // Never let an oversized or odd id reach a store key; every request to this activation is refused.
            _refusal = new Rejection(RejectionCode.InvalidGameId, GameLimits.DescribeInvalidGameId(GameId));
            return empty;
        }

        if (!_flags.IsEnabled(FlagNames.EnableStateRecovery, GameId))
        {
            LogRecoverySkipped(GameId);
            return empty;
        }

        try
        {
            var recovered = await _repository.LoadAsync(GameId);
            if (recovered is null)
            {
                return empty;
            }

            _window = new RecentCommandWindow(_persistence.RecentCommandWindow, recovered.Snapshot.RecentCommands);
            _recent = _window.ToArray();
            _position = recovered.Position;
            _storedVersion = recovered.Version;
            if (recovered.Outcome == RecoveryOutcome.FellBack)
            {
                LogRecoveredWithFallback(GameId, recovered.Version, string.Join("; ", recovered.Problems));
            }

            return new KeyValuePair<int, GameJournalState>(checked((int)recovered.Version), new GameJournalState { Game = recovered.Snapshot.State });
        }
        catch (GameRecoveryException exception)
        {
            // Refuse commands rather than start fresh over history that could not be read.
            _refusal = new Rejection(RejectionCode.RecoveryFailed, exception.Message);
            return empty;
        }
    }

    /// <inheritdoc />
    public async Task<bool> ApplyUpdatesToStorage(IReadOnlyList<GameJournalEntry> updates, int expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(updates);
        _applyBatch = false;
        _lastWriteError = null;
        var before = Game;
        var after = before;
        foreach (var update in updates)
        {
            after = _decider.Evolve(after, update.Event);
        }

        var recentAfter = RecentCommandWindow.Append(_recent, [.. updates.Select(u => new ProcessedCommand(u.CommandId, u.Version, u.CommandFingerprint))], _persistence.RecentCommandWindow);
        if (!_flags.IsEnabled(FlagNames.UseStatePersistence, GameId))
        {
            Accept(updates, recentAfter, WriteOutcome.MemoryOnly);
            return true;
        }

        var commit = _storedVersion < before.Version
            // Persistence was off for a while: storage lacks some events, so one snapshot brings it level.
            ? new Commit(GameId, _storedVersion, [], new GameSnapshot(after, recentAfter), _position, false, SnapshotReason.CatchUp)
            : new Commit(GameId, _storedVersion, [.. updates.Select(u => new JournaledEvent(u.CommandId, u.Event, u.CommandFingerprint))],
                new GameSnapshot(after, recentAfter), _position, before.Phase != after.Phase,
                AllowSnapshots: _flags.IsEnabled(FlagNames.EnableStateSnapshots, GameId));
        try
        {
            var result = await _storeRetry.ExecuteAsync(async token => await _repository.CommitAsync(commit, token));
            if (result.Append.Status == AppendStatus.Conflict)
            {
                _lastWrite = WriteOutcome.Conflict;
                return true;
            }

            _storedVersion = after.Version;
            _position = result.Position;
            Accept(updates, recentAfter, WriteOutcome.Durable);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _lastWrite = WriteOutcome.Failed;
            _lastWriteError = exception;
        }

        return true;
    }

    /// <inheritdoc />
    protected override void TransitionState(GameJournalState state, GameJournalEntry @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        // Apply only stored batches, each event once (its version says whether the state already includes it).
        if (_applyBatch && @event.Version == state.Game.Version + 1)
        {
            state.Game = _decider.Evolve(state.Game, @event.Event);
        }
    }

    private void Accept(IReadOnlyList<GameJournalEntry> updates, EquatableArray<ProcessedCommand> recentAfter, WriteOutcome outcome)
    {
        foreach (var update in updates)
        {
            _window.Add(update.CommandId, update.Version, update.CommandFingerprint);
        }

        _recent = recentAfter;

        _lastWrite = outcome;
        _applyBatch = true;
    }

    private async Task WriteFinalSnapshotAsync(CancellationToken cancellationToken)
    {
        if (_refusal is not null || Game.Version == 0 || !_flags.IsEnabled(FlagNames.UseStatePersistence, GameId))
        {
            return;
        }

        var behind = _storedVersion < Game.Version;
        var wanted = behind || (_flags.IsEnabled(FlagNames.EnableStateSnapshots, GameId) && _repository.Policy.OnDeactivation(Game.Version - _position.SnapshotVersion));
        if (!wanted)
        {
            return;
        }

        try
        {
            var commit = new Commit(GameId, _storedVersion, [], new GameSnapshot(Game, _recent), _position, false,
                behind ? SnapshotReason.CatchUp : SnapshotReason.Deactivation);
            var result = await _repository.CommitAsync(commit, cancellationToken);
            if (result.Append.IsDurable)
            {
                _storedVersion = Game.Version;
                _position = result.Position;
                _activeGames.RecordFinalSnapshot();
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The events are stored already (unless persistence was off); the snapshot only shortens the next recovery.
            LogFinalSnapshotFailed(exception, GameId);
        }
    }

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Recovery is switched off: game {GameId} starts empty and will not overwrite stored history")]
    private partial void LogRecoverySkipped(string gameId);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning, Message = "Game {GameId} recovered at version {Version} after skipping damaged snapshots: {Problems}")]
    private partial void LogRecoveredWithFallback(string gameId, long version, string problems);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "Final snapshot of game {GameId} failed")]
    private partial void LogFinalSnapshotFailed(Exception exception, string gameId);
}
