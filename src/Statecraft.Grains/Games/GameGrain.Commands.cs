using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.Engine.Core;
using Statecraft.Grains.Telemetry;

namespace Statecraft.Grains.Games;

public sealed partial class GameGrain
{
    /// <summary>A command from a client: ids in the cluster's own range are refused before anything else.</summary>
    private Task<CommandResult> ExecuteFromClientAsync(GameCommand command) =>
        CommandIds.IsReservedForCluster(command.CommandId)
            ? Task.FromResult(Refused(
                new Rejection(RejectionCode.ReservedCommandId, $"Command id {command.CommandId} is a UUID version 8, a range kept for the cluster's own commands; use a random or time-ordered id."),
                RulesetTag, Stopwatch.GetTimestamp()))
            : ExecuteAsync(command);

    private async Task<CommandResult> ExecuteAsync(GameCommand command)
    {
        var started = Stopwatch.GetTimestamp();
        var ruleset = RulesetTag;
        Touch();
        if (_refusal is { } failure)
        {
            return Refused(failure, ruleset, started);
        }

        var fingerprint = CommandFingerprint.Of(command);
        if (command.CommandId != Guid.Empty && _window.TryGet(command.CommandId, out var processed))
        {
            if (!CommandFingerprint.Matches(processed.Fingerprint, fingerprint))
            {
                // An idempotency key reused for a different request: refusing it is the only answer that neither
                // drops the new command silently nor applies the old id twice.
                return Refused(new Rejection(RejectionCode.CommandIdReused,
                    $"Command id {command.CommandId} was already used for a different command (version {processed.Version}); use a new id for a new command."), ruleset, started);
            }

            // A retry of a command already applied: answer with its original outcome, apply nothing.
            GameMetrics.RecordCommand(ruleset, "replay", null, null, started);
            return CommandResult.Applied(processed.Version, processed.Version <= _storedVersion ? Durability.Durable : Durability.MemoryOnly, isReplay: true);
        }

        var before = Game;
        var decision = _decider.Decide(before, command);
        if (!decision.IsAccepted)
        {
            return Refused(decision.Rejection!, ruleset, started);
        }

        if (FindInvariantViolations(before, decision) is { } violated)
        {
            return Refused(violated, ruleset, started);
        }

        RaiseEvents(decision.Events.Select((e, i) => new GameJournalEntry(command.CommandId, before.Version + i + 1, e, fingerprint)));
        await ConfirmEvents();

        switch (_lastWrite)
        {
            case WriteOutcome.Durable or WriteOutcome.MemoryOnly:
                var durability = _lastWrite == WriteOutcome.Durable ? Durability.Durable : Durability.MemoryOnly;
                GameMetrics.RecordCommand(Game.RulesetId, "accepted", durability.ToString(), null, started);
                await OnChangedAsync(before);
                return CommandResult.Applied(Game.Version, durability);

            case WriteOutcome.Conflict when before.Version == 0 && !_flags.IsEnabled(Abstractions.Flags.FlagNames.EnableStateRecovery, GameId):
                return Refused(new Rejection(RejectionCode.StoredHistoryExists,
                    $"Storage already holds game '{GameId}' and recovery is switched off; it is not overwritten. Switch recovery on to resume it."), ruleset, started);

            case WriteOutcome.Conflict:
                // Another activation wrote meanwhile (a failover race); reload so the next attempt decides on fresh state.
                LogConflict(GameId, before.Version);
                await RefreshNow();
                return Refused(new Rejection(RejectionCode.ConcurrencyConflict, "The game changed in storage at the same time; retry the command."), ruleset, started);

            default:
                LogWriteFailed(_lastWriteError, GameId, before.Version);
                throw GameStorageUnavailableException.For(GameId, _lastWriteError);
        }
    }

    private string RulesetTag => string.IsNullOrEmpty(Game.RulesetId) ? "none" : Game.RulesetId;

    private CommandResult Refused(Rejection rejection, string ruleset, long started)
    {
        GameMetrics.RecordCommand(ruleset, "rejected", null, rejection.Code.ToString(), started);
        DeactivateIfNeverCreated();
        return CommandResult.Refused(rejection, Game.Version);
    }

    /// <summary>
    /// The state after <paramref name="decision"/> checked against every invariant before anything is stored: a rules
    /// defect must never reach the journal, where it would make the game unrecoverable.
    /// </summary>
    private Rejection? FindInvariantViolations(GameState before, Decision decision)
    {
        var after = _decider.Fold(before, decision.Events);
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

    private async Task OnChangedAsync(GameState before)
    {
        var after = Game;
        if (before.Phase != after.Phase)
        {
            GameMetrics.StateTransitions.Add(1, new TagList { { "ruleset", after.RulesetId }, { "from", before.Phase.Name }, { "to", after.Phase.Name } });
        }

        Touch();
        Notify();
        await ArmTimersAsync();
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Game {GameId} hit a concurrent write at version {Version}; reloading from storage")]
    private partial void LogConflict(string gameId, long version);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Game {GameId} refused a command at version {Version} that would break its invariants: {Violations}")]
    private partial void LogInvariantViolated(string gameId, long version, string violations);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Storing game {GameId} after version {Version} failed; the command was not applied")]
    private partial void LogWriteFailed(Exception? exception, string gameId, long version);
}
