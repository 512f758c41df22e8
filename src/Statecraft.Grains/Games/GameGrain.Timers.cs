using Microsoft.Extensions.Logging;
using Statecraft.Abstractions.Games;
using Statecraft.Grains.Telemetry;

namespace Statecraft.Grains.Games;

/// <summary>
/// Turn timers. The deadline is part of the game state, so it survives recovery. A grain timer fires at the deadline
/// while the game is active; a periodic reminder wakes the game after a failover or restart, when no client may be
/// calling it, and re-arms the timer (playing the default move at once if the deadline has passed).
/// </summary>
public sealed partial class GameGrain
{
    private const string TurnReminder = "turn-deadline";

    private IGrainTimer? _turnTimer;
    private bool _reminderRegistered;

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == TurnReminder)
        {
            await ArmTimersAsync();
        }
    }

    private async Task ArmTimersAsync()
    {
        _turnTimer?.Dispose();
        _turnTimer = null;
        var needsReminder = Game.Options.TurnTimeout is not null && Game.Version > 0 && !Game.Phase.IsTerminal && _refusal is null;
        if (needsReminder != _reminderRegistered)
        {
            await UpdateReminderAsync(needsReminder);
        }

        if (Game.TurnDeadline is { } deadline && Game.Turn is not null)
        {
            var due = deadline - _time.GetUtcNow();
            _turnTimer = this.RegisterGrainTimer(
                static (self, _) => self.OnTurnDeadlineAsync(),
                this,
                new GrainTimerCreationOptions { DueTime = due < TimeSpan.Zero ? TimeSpan.Zero : due, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
        }
    }

    private async Task UpdateReminderAsync(bool wanted)
    {
        try
        {
            if (wanted)
            {
                await this.RegisterOrUpdateReminder(TurnReminder, _options.TurnReminderPeriod, _options.TurnReminderPeriod);
            }
            else if (await this.GetReminder(TurnReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderRegistered = wanted;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The grain timer still fires while the game is active; the reminder is retried on the next change.
            LogReminderFailed(exception, GameId);
        }
    }

    private async Task OnTurnDeadlineAsync()
    {
        if (Game.TurnDeadline is not { } deadline || Game.Turn is not { } player)
        {
            return;
        }

        if (_time.GetUtcNow() < deadline)
        {
            await ArmTimersAsync();
            return;
        }

        if (_decider.DefaultMove(Game, player) is not { } move)
        {
            return;
        }

        // The id is derived from the game and version, so a deadline handled twice (timer and reminder, or two
        // activations racing in a failover) is applied once. It is executed directly, not through the client path
        // that refuses reserved ids.
        var command = new GameCommand(TimeoutCommandId(GameId, Game.Version), player, _time.GetUtcNow(), new MakeMove(move));
        var result = await ExecuteAsync(command);
        if (result.Accepted && !result.IsReplay)
        {
            GameMetrics.TimedOutTurns.Add(1, new KeyValuePair<string, object?>("ruleset", Game.RulesetId));
            LogTurnTimedOut(GameId, player, move);
        }
    }

    // In the cluster's reserved id range, which client commands are refused from: no client can take this id first
    // and make the timer's firing look like a retry.
    private static Guid TimeoutCommandId(string gameId, long version) => CommandIds.ForCluster($"turn-timeout:{gameId}:{version}");

    [LoggerMessage(EventId = 2021, Level = LogLevel.Information, Message = "Game {GameId}: {Player} ran out of time; played {Move}")]
    private partial void LogTurnTimedOut(string gameId, string player, Move move);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Warning, Message = "Updating the turn reminder of game {GameId} failed")]
    private partial void LogReminderFailed(Exception exception, string gameId);
}
