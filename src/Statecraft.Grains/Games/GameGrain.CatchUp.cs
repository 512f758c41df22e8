using Microsoft.Extensions.Logging;
using Statecraft.Persistence.Journal;

namespace Statecraft.Grains.Games;

/// <summary>
/// Degrade mode: a game that accepted commands in memory only while the store was out stores a catch-up snapshot as
/// soon as the circuit lets calls through again — on its next command, or from this timer if nobody touches it. The
/// timer keeps the activation alive meanwhile: deactivating would drop the changes only memory holds.
/// </summary>
public sealed partial class GameGrain
{
    private IGrainTimer? _catchUpTimer;

    private void StartCatchUp()
    {
        _catchUpTimer ??= this.RegisterGrainTimer(
            static (grain, cancellationToken) => grain.CatchUpAsync(cancellationToken),
            this,
            new GrainTimerCreationOptions(_resilience.Options.CatchUpInterval, _resilience.Options.CatchUpInterval) { KeepAlive = true });
        LogDegraded(GameId, Game.Version, _session.StoredVersion);
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (_session.IsDegraded && (_resilience.Circuit.IsOpen || !Switches.Persist))
        {
            // The store is still out (or persistence was switched off meanwhile, which levels nothing); try next tick.
            return;
        }

        var behind = _session.State.Version - _session.StoredVersion;
        var result = _session.IsDegraded ? await _session.CatchUpAsync(cancellationToken) : SessionCommit.Durable;
        switch (result.Status)
        {
            case SessionCommitStatus.Durable:
                StopCatchUp();
                if (behind > 0)
                {
                    LogCaughtUp(GameId, Game.Version, behind);
                }

                break;
            case SessionCommitStatus.Conflict:
                // Another writer got there first (a failover during the outage, or a write that timed out and landed
                // later): the store's history wins. Not with this timer's token: stopping the timer cancels it.
                LogConflict(GameId, _session.StoredVersion);
                await RecoverAsync(CancellationToken.None);
                StopCatchUp();
                Notify();
                break;
            default:
                // Still failing; the circuit decides when the next attempt reaches the store.
                break;
        }
    }

    private void StopCatchUp()
    {
        _catchUpTimer?.Dispose();
        _catchUpTimer = null;
    }

    [LoggerMessage(EventId = 2015, Level = LogLevel.Warning, Message = "Game {GameId} runs in memory only while its store is out: at version {Version}, stored {StoredVersion}")]
    private partial void LogDegraded(string gameId, long version, long storedVersion);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Information, Message = "Game {GameId} caught up: version {Version} stored after {Behind} events held in memory only")]
    private partial void LogCaughtUp(string gameId, long version, long behind);
}
