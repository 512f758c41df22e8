using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using Statecraft.Abstractions.Flags;
using Statecraft.Abstractions.Operations;
using Statecraft.Cli.Infrastructure;

namespace Statecraft.Cli.Commands;

/// <summary><c>statecraft status</c>: the cluster's health in one screen, with an exit code that says healthy, degraded or down.</summary>
internal static class StatusCommand
{
    public static Command Create(CliIo io)
    {
        var command = new Command("status",
            "Silos (address, status, uptime, activations), games in memory by phase, flags and their revision, each silo's store circuit and recoveries, " +
            "and the store's round trip when a store is named. Exit code: 0 healthy, 4 degraded, 3 down.\n" +
            "Example: statecraft status --cluster redis://10.0.0.7:6379 --store redis://10.0.0.7:6379");
        io.SetAction(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ClusterStatus status;
        try
        {
            await using var connection = await context.ConnectAsync(cancellationToken);
            status = await ReadAsync(connection.ClusterClient, cancellationToken);
        }
        catch (CliFailure failure) when (failure.ExitCode == ExitCodes.Unreachable)
        {
            status = ClusterStatus.Down(failure.Message);
        }

        if (status.Health != Health.Down && context.StoreNamed)
        {
            status = status with { Store = await ProbeStoreAsync(context, cancellationToken) };
        }

        status = status.WithVerdict();
        if (context.Json)
        {
            context.WriteJson(status);
        }
        else
        {
            StatusView.Render(context.Console, status);
        }

        return status.Health switch
        {
            Health.Healthy => ExitCodes.Success,
            Health.Degraded => ExitCodes.Degraded,
            _ => ExitCodes.Unreachable,
        };
    }

    private static async Task<ClusterStatus> ReadAsync(IClusterClient cluster, CancellationToken cancellationToken)
    {
        var management = cluster.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false, cancellationToken);
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var statistics = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active, cancellationToken);
        var grains = active.Length == 0 ? [] : await management.GetSimpleGrainStatistics(active, cancellationToken);
        var reports = (await cluster.GetGrain<ISiloReportsGrain>(ISiloReportsGrain.Key).GetReports().WaitAsync(cancellationToken))
            .ToDictionary(r => r.Silo, StringComparer.Ordinal);
        var flags = await cluster.GetGrain<IFeatureFlagGrain>(IFeatureFlagGrain.Key).GetSnapshot().WaitAsync(cancellationToken);
        var now = DateTime.UtcNow;

        var silos = hosts.Where(h => h.Status != SiloStatus.Dead).OrderBy(h => h.SiloAddress.ToString(), StringComparer.Ordinal).Select(h =>
        {
            var index = Array.IndexOf(active, h.SiloAddress);
            var stats = index >= 0 && index < statistics.Length ? statistics[index] : null;
            reports.TryGetValue(h.SiloAddress.ToParsableString(), out var report);
            return new SiloRow(
                h.SiloAddress.ToParsableString(), h.SiloName, h.Status.ToString(), h.StartTime, now - h.StartTime,
                stats?.ActivationCount, grains.Where(g => g.SiloAddress.Equals(h.SiloAddress) && g.GrainType.Contains("GameGrain", StringComparison.Ordinal)).Sum(g => g.ActivationCount),
                stats?.ClientCount, stats?.EnvironmentStatistics.FilteredCpuUsagePercentage, stats?.EnvironmentStatistics.FilteredMemoryUsageBytes, report);
        }).ToList();

        return new ClusterStatus(
            Health.Healthy, [], silos, hosts.Count(h => h.Status == SiloStatus.Dead),
            Sum(silos.Select(s => s.Report?.ActiveGamesByPhase.Select(p => KeyValuePair.Create(p.Key, (long)p.Value)))),
            new FlagsStatus(flags.Revision, flags.Flags.Values.ToDictionary(f => f.Name, f => f.Describe(), StringComparer.Ordinal),
                flags.ChangedAtRuntime.ToList()),
            null,
            Sum(silos.Select(s => s.Report?.RecoveriesByOutcome.AsEnumerable())));
    }

    private static Dictionary<string, long> Sum(IEnumerable<IEnumerable<KeyValuePair<string, long>>?> counts) =>
        counts.SelectMany(c => c ?? [])
            .GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(pair => pair.Value), StringComparer.Ordinal);

    /// <summary>Three pings; the median round trip.</summary>
    private static async Task<StoreStatus> ProbeStoreAsync(CliContext context, CancellationToken cancellationToken)
    {
        try
        {
            await using var store = await context.OpenStoreAsync(create: false, cancellationToken);
            var trips = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await store.Store.PingAsync(cancellationToken);
                trips.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            trips.Sort();
            return new StoreStatus(store.Description, true, Math.Round(trips[1], 2), null);
        }
        catch (CliFailure failure)
        {
            return new StoreStatus("store", false, null, failure.Message);
        }
    }
}
