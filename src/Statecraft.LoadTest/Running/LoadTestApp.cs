using System.Globalization;
using Statecraft.LoadTest.Options;
using Statecraft.LoadTest.Reporting;
using Statecraft.LoadTest.Tables;

namespace Statecraft.LoadTest.Running;

/// <summary>Connects, runs the load once or as a persistence comparison, prints the report and picks the exit code.</summary>
internal static class LoadTestApp
{
    /// <summary>How long connecting to a gateway may take.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Runs with validated <paramref name="options"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(LoadTestOptions options, ConsoleUi ui, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ui);
        ClusterConnection connection;
        try
        {
            ui.Info($"Connecting to a Statecraft gateway on {ClusterConnection.Target(options)}...");
            connection = await ClusterConnection.ConnectAsync(options, ConnectTimeout, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Cancelled;
        }
        catch (Exception exception)
        {
            ui.Error(string.Create(CultureInfo.InvariantCulture,
                $"Could not connect to a Statecraft gateway on {ClusterConnection.Target(options)}: {Describe(exception)} Is a silo running (check with: ss -ltn | grep {options.GatewayPort})?"));
            return ExitCodes.Failed;
        }

        await using (connection)
        {
            var time = TimeProvider.System;
            var run = GameIds.NewRun(time.GetUtcNow());
            var load = new LoadRun(options, new StatecraftGameCluster(connection.Client), time, ui);
            try
            {
                if (options.ComparePersistence)
                {
                    var comparison = new PersistenceComparison(connection.Client.Flags, time, ui);
                    var (on, off) = await comparison.RunAsync(
                        (suffix, label, token) => load.ExecuteAsync($"{run}-{suffix}", label, token), cancellationToken);
                    ui.Report(off is null ? MarkdownReport.Single(options, on) : MarkdownReport.Comparison(options, on, off));
                }
                else
                {
                    ui.Report(MarkdownReport.Single(options, await load.ExecuteAsync(run, "run", cancellationToken)));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                ui.Warn("Stopped before any measurement finished.");
                return ExitCodes.Cancelled;
            }
            catch (LoadRunFailedException exception)
            {
                ui.Error(exception.Message);
                return ExitCodes.Failed;
            }

            return cancellationToken.IsCancellationRequested ? ExitCodes.Cancelled : ExitCodes.Completed;
        }
    }

    private static string Describe(Exception exception) =>
        exception is TimeoutException ? exception.Message : $"{exception.GetBaseException().GetType().Name}: {exception.GetBaseException().Message}";
}
