using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Statecraft.Abstractions.Flags;
using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.Abstractions.Operations;
using Statecraft.Engine.Core;
using Statecraft.Grains.Flags;
using Statecraft.Grains.Telemetry;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Resilience;
using Statecraft.Persistence.Telemetry;

namespace Statecraft.Grains.Games;

/// <summary>
/// One game: the Orleans side of it — activation, deactivation, timers, observers, the flags — over an Orleans-free
/// <see cref="GameSession"/> that keeps the journal. A command is decided by the engine, checked against the
/// invariants, made durable by the session and answered; nothing is applied that was not stored (unless persistence
/// is switched off). Activation recovers the game from storage; deactivation writes a final snapshot.
/// </summary>
public sealed partial class GameGrain : Grain, IGameGrain, IGameGrainControl, IRemindable
{
    private readonly GameDecider _decider;
    private readonly FeatureFlagCache _flags;
    private readonly ActiveGames _activeGames;
    private readonly GameGrainOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<GameGrain> _logger;
    private readonly Subscribers _subscribers;
    private readonly GameSession _session;

    private readonly StoreResilience _resilience;

    // Why this activation refuses every request: its stored history could not be rebuilt, or its id is invalid.
    private Rejection? _refusal;

    // Why this activation could not load its game (the store is out); every request gets it and the activation ends,
    // so the next call after the outage loads the game afresh.
    private GameStorageUnavailableException? _unavailable;

    // Whether a call has been served since activation: the first is the one the load (the cache miss) was for.
    private bool _warm;

    /// <summary>Creates the grain; Orleans supplies the services.</summary>
    public GameGrain(
        GameDecider decider,
        GameRepository repository,
        StoreResilience resilience,
        FeatureFlagCache flags,
        ActiveGames activeGames,
        IOptions<GameGrainOptions> options,
        IOptions<PersistenceOptions> persistence,
        TimeProvider time,
        ILogger<GameGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(resilience);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(persistence);
        _decider = decider;
        _flags = flags;
        _activeGames = activeGames;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _resilience = resilience;
        _subscribers = new Subscribers(time, _options.SubscriptionExpiry);
        _session = new GameSession(this.GetPrimaryKeyString(), repository, resilience, persistence.Value.RecentCommandWindow);
    }

    private string GameId => _session.GameId;

    private GameState Game => _session.State;

    private JournalSwitches Switches => new(_flags.IsEnabled(FlagNames.UseStatePersistence, GameId), _flags.IsEnabled(FlagNames.EnableStateSnapshots, GameId));

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await RecoverAsync(cancellationToken);
        GameMetrics.CacheMiss();
        _activeGames.Touch(GameId, Game.Phase.Name);
        await ArmTimersAsync();
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _turnTimer?.Dispose();
        _catchUpTimer?.Dispose();
        _activeGames.Remove(GameId);
        GameMetrics.Evicted(reason.ReasonCode);
        if (_refusal is null && _unavailable is null)
        {
            try
            {
                if (await _session.WriteFinalSnapshotAsync(Switches, cancellationToken))
                {
                    _activeGames.RecordFinalSnapshot();
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The events are stored already (unless persistence was off); the snapshot only shortens the next recovery.
                LogFinalSnapshotFailed(exception, GameId, _session.IsDegraded ? _session.State.Version - _session.StoredVersion : 0);
            }
        }

        _session.Close();
    }

    /// <inheritdoc />
    public Task<CommandResult> Create(Guid commandId, string playerId, string rulesetId, GameOptions options) =>
        ExecuteFromClientAsync(Command(commandId, playerId, new CreateGame(rulesetId, options)));

    /// <inheritdoc />
    public Task<CommandResult> Join(Guid commandId, string playerId) => ExecuteFromClientAsync(Command(commandId, playerId, new JoinGame()));

    /// <inheritdoc />
    public Task<CommandResult> Leave(Guid commandId, string playerId) => ExecuteFromClientAsync(Command(commandId, playerId, new LeaveGame()));

    /// <inheritdoc />
    public Task<CommandResult> Start(Guid commandId, string playerId) => ExecuteFromClientAsync(Command(commandId, playerId, new StartGame()));

    /// <inheritdoc />
    public Task<CommandResult> SubmitMove(Guid commandId, string playerId, Move move) => ExecuteFromClientAsync(Command(commandId, playerId, new MakeMove(move)));

    /// <inheritdoc />
    public Task<CommandResult> Abandon(Guid commandId, string playerId, string reason) => ExecuteFromClientAsync(Command(commandId, playerId, new AbandonGame(reason)));

    /// <inheritdoc />
    public Task<CommandResult> Execute(GameCommand command) =>
        command is null
            ? Task.FromResult(CommandResult.Refused(new Rejection(RejectionCode.MalformedCommand, "The command is missing."), Game.Version))
            : ExecuteFromClientAsync(command with { IssuedAt = _time.GetUtcNow() });

    /// <inheritdoc />
    public Task<ViewResult> GetView(string? playerId, long? knownVersion = null)
    {
        ThrowIfRefused(playerId);
        Touch();
        var result = knownVersion == Game.Version
            ? new ViewResult(Game.Version, null)
            : new ViewResult(Game.Version, _decider.ViewFor(Game, playerId));
        DeactivateIfNeverCreated();
        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Move>> GetLegalMoves(string playerId)
    {
        ThrowIfRefused(playerId);
        Touch();
        DeactivateIfNeverCreated();
        return Task.FromResult(_decider.LegalMoves(Game, playerId));
    }

    /// <inheritdoc />
    public Task Evict()
    {
        if (_session.IsDegraded)
        {
            // Its changes live only in memory until the store is back: evicting it now would drop them.
            return Task.CompletedTask;
        }

        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <summary>A command from a client: ids in the cluster's own range are refused before anything else.</summary>
    private Task<CommandResult> ExecuteFromClientAsync(GameCommand command) =>
        CommandIds.IsReservedForCluster(command.CommandId)
            ? Task.FromResult(Refused(
                new Rejection(RejectionCode.ReservedCommandId, $"Command id {command.CommandId} is a UUID version 8, a range kept for the cluster's own commands; use a random or time-ordered id."),
                RulesetTag, Stopwatch.GetTimestamp()))
            : ExecuteTracedAsync(command);

    /// <summary>
    /// A client's command inside a trace span and a logging scope that carry the game, the command and the silo, so every
    /// log line on the path (the store's included) can be found by command id in JSON logs.
    /// </summary>
    private async Task<CommandResult> ExecuteTracedAsync(GameCommand command)
    {
        using var activity = StatecraftTracing.Source.StartActivity("game command");
        activity?.SetTag("statecraft.game_id", GameId);
        activity?.SetTag("statecraft.command_id", command.CommandId.ToString());
        activity?.SetTag("statecraft.action", command.Action.GetType().Name);
        using var scope = _logger.BeginScope(new CommandLogScope(GameId, command.CommandId, RuntimeIdentity));
        var result = await ExecuteAsync(command);
        var outcome = result.Accepted ? (result.IsReplay ? "replay" : "accepted") : "rejected";
        activity?.SetTag("statecraft.result", outcome);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var action = command.Action.GetType().Name;
            var code = result.Rejection?.Code.ToString() ?? "none";
            LogCommandHandled(action, outcome, result.Version, code);
        }
        if (result.Rejection is { } rejection)
        {
            activity?.SetTag("statecraft.rejection", rejection.Code.ToString());
        }

        return result;
    }

    /// <summary>The command path: replay check → decide → invariants → journal → answer.</summary>
    private async Task<CommandResult> ExecuteAsync(GameCommand command, bool reloaded = false)
    {
        var started = Stopwatch.GetTimestamp();
        var ruleset = RulesetTag;
        Touch();
        if (_refusal is { } refusal)
        {
            return Refused(refusal, ruleset, started);
        }

        ThrowIfUnavailable();

        var fingerprint = CommandFingerprint.Of(command);
        if (command.CommandId != Guid.Empty && _session.Window.TryGet(command.CommandId, out var processed))
        {
            return Replayed(command.CommandId, processed, fingerprint, ruleset, started);
        }

        var before = Game;
        var decision = _decider.Decide(before, command);
        if (!decision.IsAccepted)
        {
            return reloaded ? Refused(decision.Rejection!, ruleset, started) : await RefuseConfirmedAsync(command, decision.Rejection!, ruleset, started);
        }

        var after = _decider.Fold(before, decision.Events);
        if (FindInvariantViolations(before, after) is { } violated)
        {
            return Refused(violated, ruleset, started);
        }

        var commit = await _session.CommitAsync(new PendingChange(command.CommandId, fingerprint, decision.Events.AsImmutableArray(), after), Switches);
        switch (commit.Status)
        {
            case SessionCommitStatus.Durable or SessionCommitStatus.MemoryOnly or SessionCommitStatus.Degraded:
                var durability = commit.Status == SessionCommitStatus.Durable ? Durability.Durable : Durability.MemoryOnly;
                GameMetrics.RecordCommand(Game.RulesetId, "accepted", durability.ToString(), null, started);
                if (commit.Status == SessionCommitStatus.Degraded)
                {
                    StartCatchUp();
                }

                await OnChangedAsync(before);
                // Stored before: an earlier attempt, or another activation, applied this very command already.
                return CommandResult.Applied(Game.Version, durability, isReplay: commit.WasStoredBefore);

            case SessionCommitStatus.Conflict when before.Version == 0 && !_flags.IsEnabled(FlagNames.EnableStateRecovery, GameId):
                return Refused(new Rejection(RejectionCode.StoredHistoryExists,
                    $"Storage already holds game '{GameId}' and recovery is switched off; it is not overwritten. Switch recovery on to resume it."), ruleset, started);

            case SessionCommitStatus.Conflict:
                // Another activation wrote meanwhile (a failover race); reload so the next attempt decides on fresh state.
                LogConflict(GameId, before.Version);
                await RecoverAsync(CancellationToken.None);
                if (_refusal is null && _unavailable is null && command.CommandId != Guid.Empty && _session.Window.TryGet(command.CommandId, out var storedBefore))
                {
                    // The conflict was this very command: a client resending an acknowledged command to a stale
                    // activation (after a failover or a split brain) must get the original outcome, not "retry".
                    return Replayed(command.CommandId, storedBefore, fingerprint, ruleset, started);
                }

                return Refused(new Rejection(RejectionCode.ConcurrencyConflict, "The game changed in storage at the same time; retry the command."), ruleset, started);

            default:
                var reason = StorageProblems.ReasonFor(commit.Error);
                GameMetrics.RecordCommand(ruleset, "failed", null, reason.ToString(), started);
                if (reason == StorageUnavailableReason.WriteFailed)
                {
                    // A refusal by the breaker or the backlog bound is logged once, by the breaker; this is a real failure.
                    LogWriteFailed(commit.Error, GameId, before.Version);
                }

                throw GameStorageUnavailableException.For(GameId, commit.Error, reason);
        }
    }

    /// <summary>
    /// A rules refusal is given only on state the store confirms: a stale activation (the other side of a split brain,
    /// or a failover race) reloads and decides again — the command may be one the current activation applied, now a
    /// replay. When the store cannot confirm (it is out, or the game runs in memory only) the refusal is marked
    /// MemoryOnly: judged on state the store has not confirmed, so it may not stand.
    /// </summary>
    private async Task<CommandResult> RefuseConfirmedAsync(GameCommand command, Rejection rejection, string ruleset, long started)
    {
        if (!Switches.Persist)
        {
            return Refused(rejection, ruleset, started);
        }

        switch (await _session.ConfirmAsync(CancellationToken.None))
        {
            case StoreConfirmation.Current:
                return Refused(rejection, ruleset, started);
            case StoreConfirmation.Stale:
                LogStale(GameId, Game.Version);
                await RecoverAsync(CancellationToken.None);
                return await ExecuteAsync(command, reloaded: true);
            default:
                return Refused(rejection, ruleset, started) with { Durability = Durability.MemoryOnly };
        }
    }

    private CommandResult Replayed(Guid commandId, ProcessedCommand processed, ulong fingerprint, string ruleset, long started)
    {
        if (!CommandFingerprint.Matches(processed.Fingerprint, fingerprint))
        {
            // An idempotency key reused for a different request: refusing it is the only answer that neither drops the
            // new command silently nor applies the old id twice.
            return Refused(new Rejection(RejectionCode.CommandIdReused,
                $"Command id {commandId} was already used for a different command (version {processed.Version}); use a new id for a new command."), ruleset, started);
        }

        // A retry of a command already applied: answer with its original outcome, apply nothing.
        GameMetrics.RecordCommand(ruleset, "replay", null, null, started);
        return CommandResult.Applied(processed.Version, processed.Version <= _session.StoredVersion ? Durability.Durable : Durability.MemoryOnly, isReplay: true);
    }

    /// <summary>Loads the game, unless its id is invalid or recovery is switched off; a failure refuses every command.</summary>
    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        _refusal = null;
        _session.Reset();
        if (!GameLimits.IsValidGameId(GameId))
        {
            // Never let an oversized or odd id reach a store key; every request to this activation is refused.
            _refusal = new Rejection(RejectionCode.InvalidGameId, GameLimits.DescribeInvalidGameId(GameId));
            return;
        }

        if (!_flags.IsEnabled(FlagNames.EnableStateRecovery, GameId))
        {
            LogRecoverySkipped(GameId);
            return;
        }

        try
        {
            _unavailable = null;
            var recovered = await _session.RecoverAsync(cancellationToken);
            if (recovered is { Outcome: RecoveryOutcome.FellBack })
            {
                LogRecoveredWithFallback(GameId, recovered.Version, string.Join("; ", recovered.Problems));
            }
        }
        catch (GameRecoveryException exception)
        {
            // Refuse commands rather than start fresh over history that could not be read.
            _refusal = new Rejection(RejectionCode.RecoveryFailed, exception.Message);
        }
        catch (Exception exception)
        {
            // The store is out, slow or busy, or the runtime gave up on the activation: not the game's fault. Never
            // run on an empty state over history that may exist; answer every request with the typed, retryable
            // error and let the next activation load afresh.
            _session.Reset();
            var reason = StorageProblems.ReasonFor(exception, loading: true);
            LogLoadFailed(exception, GameId, reason);
            _unavailable = GameStorageUnavailableException.NotLoaded(GameId, exception, reason);
            if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }
        }
    }

    /// <summary>
    /// The state after a decision checked against every invariant before anything is stored: a rules defect must
    /// never reach the journal, where it would make the game unrecoverable.
    /// </summary>
    private Rejection? FindInvariantViolations(GameState before, GameState after)
    {
        var violations = _decider.Validate(after);
        if (violations.IsDefaultOrEmpty)
        {
            return null;
        }

        foreach (var violation in violations)
        {
            GameMetrics.InvariantViolations.Add(1, new TagList { { "ruleset", after.RulesetId }, { "stage", "commit" }, { "invariant", violation.Rule } });
        }

        var described = string.Join("; ", violations.Select(v => v.ToString()));
        LogInvariantViolated(GameId, before.Version, described);
        return new Rejection(RejectionCode.InvariantViolated,
            $"The command would break the game's invariants ({described}); it was not applied. This is a rules defect: report it with the game id.");
    }

    private string RulesetTag => string.IsNullOrEmpty(Game.RulesetId) ? "none" : Game.RulesetId;

    private CommandResult Refused(Rejection rejection, string ruleset, long started)
    {
        GameMetrics.RecordCommand(ruleset, "rejected", null, rejection.Code.ToString(), started);
        DeactivateIfNeverCreated();
        return CommandResult.Refused(rejection, Game.Version);
    }

    private async Task OnChangedAsync(GameState before)
    {
        var after = Game;
        if (before.Phase != after.Phase)
        {
            GameMetrics.StateTransitions.Add(1, new TagList { { "ruleset", after.RulesetId }, { "from", before.Phase.Name }, { "to", after.Phase.Name } });
        }

        // The phase may have changed: refresh it for the active-games gauge (the call was counted when it arrived).
        _activeGames.Touch(GameId, Game.Phase.Name);
        AnnounceIfListingChanged(before);
        Notify();
        await ArmTimersAsync();
    }

    /// <summary>
    /// An activation for a game that does not exist (a typo, a probe, an invalid id) holds memory until it idles out;
    /// refusing a request to it ends it at once, unless someone is watching for the game to be created.
    /// </summary>
    private void DeactivateIfNeverCreated()
    {
        if (Game.Version == 0 && _subscribers.Count == 0)
        {
            DeactivateOnIdle();
        }
    }

    /// <summary>A game that could not be loaded answers nothing from memory; the activation ends so the next call retries the load.</summary>
    private void ThrowIfUnavailable()
    {
        if (_unavailable is { } unavailable)
        {
            DeactivateOnIdle();
            throw unavailable;
        }
    }

    /// <summary>Reads and subscriptions have no result to carry a rejection, so bad input is a typed exception.</summary>
    private void ThrowIfRefused(string? playerId)
    {
        ThrowIfUnavailable();
        var rejection = _refusal is { Code: RejectionCode.InvalidGameId } invalidGame ? invalidGame
            : playerId is not null && !GameLimits.IsValidPlayerId(playerId) ? new Rejection(RejectionCode.InvalidPlayerId, GameLimits.DescribeInvalidPlayerId(playerId))
            : null;
        if (rejection is not null)
        {
            DeactivateIfNeverCreated();
            throw new GameRequestRefusedException(rejection);
        }
    }

    private GameCommand Command(Guid commandId, string playerId, GameAction action) => new(commandId, playerId, _time.GetUtcNow(), action);

    /// <summary>Marks the game used; every call after the one that activated it is served from memory (a cache hit).</summary>
    private void Touch()
    {
        _activeGames.Touch(GameId, Game.Phase.Name);
        if (_warm)
        {
            GameMetrics.CacheHit();
        }

        _warm = true;
    }

    [LoggerMessage(EventId = 2024, Level = LogLevel.Debug, Message = "{Action} {Outcome} at version {Version} (rejection: {RejectionCode})")]
    private partial void LogCommandHandled(string action, string outcome, long version, string rejectionCode);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Game {GameId} hit a concurrent write at version {Version}; reloading from storage")]
    private partial void LogConflict(string gameId, long version);

    [LoggerMessage(EventId = 2023, Level = LogLevel.Warning, Message = "Game {GameId} at version {Version} is stale: another activation stored a later version; reloading before refusing a command")]
    private partial void LogStale(string gameId, long version);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Storing game {GameId} after version {Version} failed; the command was not applied")]
    private partial void LogWriteFailed(Exception? exception, string gameId, long version);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Game {GameId} refused a command at version {Version} that would break its invariants: {Violations}")]
    private partial void LogInvariantViolated(string gameId, long version, string violations);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Recovery is switched off: game {GameId} starts empty and will not overwrite stored history")]
    private partial void LogRecoverySkipped(string gameId);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning, Message = "Game {GameId} recovered at version {Version} after skipping damaged snapshots: {Problems}")]
    private partial void LogRecoveredWithFallback(string gameId, long version, string problems);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "Final snapshot of game {GameId} failed; {UnstoredEvents} events accepted in memory only during a store outage are lost")]
    private partial void LogFinalSnapshotFailed(Exception exception, string gameId, long unstoredEvents);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning, Message = "Game {GameId} could not be loaded ({Reason}); its requests are refused until a later activation loads it")]
    private partial void LogLoadFailed(Exception exception, string gameId, StorageUnavailableReason reason);
}
