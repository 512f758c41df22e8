using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.Engine.Core;
using Statecraft.Grains.Telemetry;

namespace Statecraft.Grains.Games;

public sealed partial class GameGrain
{
    private async Task<CommandResult> ExecuteAsync(GameCommand command)
    {
        var started = Stopwatch.GetTimestamp();
        var ruleset = string.IsNullOrEmpty(Game.RulesetId) ? "none" : Game.RulesetId;
        Touch();
        if (_recoveryFailure is { } failure)
        {
            return Refused(failure, ruleset, started);
        }

        if (command.CommandId != Guid.Empty && _window.TryGetVersion(command.CommandId, out var appliedAt))
        {
            // A retry of a command already applied: answer with its original outcome, apply nothing.
            GameMetrics.RecordCommand(ruleset, "replay", null, null, started);
            return CommandResult.Applied(appliedAt, appliedAt <= _storedVersion ? Durability.Durable : Durability.MemoryOnly, isReplay: true);
        }

        var before = Game;
        var decision = _decider.Decide(before, command);
        if (!decision.IsAccepted)
        {
            return Refused(decision.Rejection!, ruleset, started);
        }

        RaiseEvents(decision.Events.Select((e, i) => new GameJournalEntry(command.CommandId, before.Version + i + 1, e)));
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

    private CommandResult Refused(Rejection rejection, string ruleset, long started)
    {
        GameMetrics.RecordCommand(ruleset, "rejected", null, rejection.Code.ToString(), started);
        return CommandResult.Refused(rejection, Game.Version);
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

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Storing game {GameId} after version {Version} failed; the command was not applied")]
    private partial void LogWriteFailed(Exception? exception, string gameId, long version);
}
