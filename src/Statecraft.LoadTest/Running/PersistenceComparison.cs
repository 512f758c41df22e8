using Statecraft.Abstractions.Flags;
using Statecraft.LoadTest.Reporting;
using Statecraft.LoadTest.Stats;

namespace Statecraft.LoadTest.Running;

/// <summary>
/// <c>--compare-persistence</c>: the same load with flag <see cref="FlagNames.UseStatePersistence"/> on, then off,
/// each after giving the silos <see cref="SettleTime"/> to pick the change up. The flag's original value is put back
/// at the end whatever happens (a failure, Ctrl-C), because a cluster left with persistence off silently stops storing
/// games.
/// </summary>
internal sealed class PersistenceComparison(IFeatureFlagGrain flags, TimeProvider time, ConsoleUi ui)
{
    /// <summary>Who the flag changes are audited as.</summary>
    public const string ChangedBy = "loadtest";

    /// <summary>How long to wait after a change: silos poll flags at least every 2 seconds.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long restoring the flag may take, even after Ctrl-C.</summary>
    public TimeSpan RestoreTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Runs <paramref name="runLoad"/> (given the run's name suffix and report label) with persistence on, then off,
    /// and restores the flag. The OFF run is skipped when the ON run was stopped early.
    /// </summary>
    public async Task<(RunSummary On, RunSummary? Off)> RunAsync(Func<string, string, CancellationToken, Task<RunSummary>> runLoad, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runLoad);
        FlagDefinition? original;
        try
        {
            // A flag at its configured default is put back with a reset, not pinned to the default's value: pinned, it
            // would no longer follow FF_USE_STATE_PERSISTENCE or the configuration.
            var snapshot = await flags.GetSnapshot();
            original = snapshot.IsChangedAtRuntime(FlagNames.UseStatePersistence) ? snapshot.Flags.GetValueOrDefault(FlagNames.UseStatePersistence) : null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new LoadRunFailedException($"Could not read flag {FlagNames.UseStatePersistence}: {exception.Message}", exception);
        }

        ui.Info($"{FlagNames.UseStatePersistence} is {original?.Describe() ?? "at its configured default"}; it will be restored to that at the end.");
        try
        {
            await SwitchAsync(true, "load test --compare-persistence: run with persistence ON", cancellationToken);
            var on = await runLoad("on", "persistence ON", cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                return (on, null);
            }

            await SwitchAsync(false, "load test --compare-persistence: run with persistence OFF", cancellationToken);
            var off = await runLoad("off", "persistence OFF", cancellationToken);
            return (on, off);
        }
        finally
        {
            // Also when the first switch failed: it may have been applied before its answer was lost.
            await RestoreAsync(original);
        }
    }

    /// <summary>The change that puts <paramref name="original"/> back: its percentage, its on/off value, or a reset when it was at its default (null).</summary>
    public static FlagChange RestoreChange(FlagDefinition? original)
    {
        const string reason = "load test --compare-persistence finished: restoring the value from before the run";
        return original switch
        {
            null => new FlagChange { Name = FlagNames.UseStatePersistence, Reset = true, ChangedBy = ChangedBy, Reason = reason },
            { Percentage: { } percentage } => new FlagChange { Name = FlagNames.UseStatePersistence, Percentage = percentage, ChangedBy = ChangedBy, Reason = reason },
            _ => new FlagChange { Name = FlagNames.UseStatePersistence, Enabled = original.Enabled, ChangedBy = ChangedBy, Reason = reason },
        };
    }

    private async Task SwitchAsync(bool enabled, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await flags.Change(new FlagChange { Name = FlagNames.UseStatePersistence, Enabled = enabled, ChangedBy = ChangedBy, Reason = reason });
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new LoadRunFailedException($"Could not switch {FlagNames.UseStatePersistence} {(enabled ? "on" : "off")}: {exception.Message}", exception);
        }

        ui.Info($"{FlagNames.UseStatePersistence} switched {(enabled ? "ON" : "OFF")}; waiting {Formatting.Seconds(SettleTime)} for the silos to pick it up.");
        await Task.Delay(SettleTime, time, cancellationToken);
    }

    private async Task RestoreAsync(FlagDefinition? original)
    {
        var change = RestoreChange(original);
        try
        {
            // Not the run's token: after Ctrl-C it is already cancelled, and this must still happen.
            await flags.Change(change).WaitAsync(RestoreTimeout, time);
            ui.Info($"{FlagNames.UseStatePersistence} restored to {original?.Describe() ?? "its configured default"}.");
        }
        catch (Exception exception)
        {
            ui.Error($"Could not restore {FlagNames.UseStatePersistence} to {original?.Describe() ?? "its default"}: {exception.Message}. "
                + "Restore it by hand through the flag grain; until then the cluster may not be storing games.");
            throw new LoadRunFailedException($"Could not restore {FlagNames.UseStatePersistence}.", exception);
        }
    }
}
