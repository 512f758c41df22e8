using System.Globalization;
using Spectre.Console;
using Statecraft.Cli.Infrastructure;

namespace Statecraft.Cli.Commands;

/// <summary>The human form of <see cref="ClusterStatus"/>.</summary>
internal static class StatusView
{
    public static void Render(IAnsiConsole console, ClusterStatus status)
    {
        var colour = status.Health switch { Health.Healthy => Color.Green, Health.Degraded => Color.Yellow, _ => Color.Red };
        console.Write(new Text($"Cluster: {status.Health.ToString().ToUpperInvariant()}", new Style(colour, decoration: Decoration.Bold)));
        console.Line();
        foreach (var problem in status.Problems)
        {
            console.Write(new Text($"  - {problem}", new Style(colour)));
            console.Line();
        }

        if (status.Silos.Count > 0)
        {
            var silos = Tables.Create("Silo", "Status", "Uptime", "Activations", "Games", "Clients", "CPU", "Memory", "Circuit", "HTTP");
            foreach (var silo in status.Silos)
            {
                silos.Row(silo.Address, silo.Status, Format(silo.Uptime), silo.Activations?.ToString(CultureInfo.InvariantCulture), silo.GameActivations.ToString(CultureInfo.InvariantCulture),
                    silo.Clients?.ToString(CultureInfo.InvariantCulture), silo.CpuPercent is { } cpu ? $"{cpu:F0}%" : null,
                    silo.MemoryBytes is { } memory ? $"{memory / (1024.0 * 1024):F0} MiB" : null,
                    silo.Report is { } report ? $"{report.Store} {report.Circuit}" : "no report", silo.Report?.HttpUrl);
            }

            console.Write(silos);
        }

        if (status.DeadSilos > 0)
        {
            console.Line($"{status.DeadSilos} dead silos in the membership table (kept by Orleans for a week).");
        }

        if (status.ActiveGamesByPhase.Count > 0)
        {
            console.Line("Games in memory: " + string.Join(", ", status.ActiveGamesByPhase.Select(p => $"{p.Key} {p.Value}")));
        }

        if (status.RecoveriesByOutcome.Count > 0)
        {
            console.Line("Recoveries since the silos started: " + string.Join(", ", status.RecoveriesByOutcome.Select(p => $"{p.Key} {p.Value}")));
        }

        if (status.Flags is { } flags)
        {
            console.Line($"Flags (revision {flags.Revision}): " + string.Join(", ", flags.Values.Select(f => $"{f.Key}={f.Value}")));
        }

        if (status.Store is { } store)
        {
            console.Line(store.Reachable ? $"Store {store.Store}: round trip {store.RoundTripMilliseconds:F1} ms" : $"Store: {store.Error}");
        }
    }

    private static string Format(TimeSpan uptime) =>
        uptime.TotalDays >= 1 ? $"{(int)uptime.TotalDays}d {uptime.Hours}h" : uptime.TotalHours >= 1 ? $"{(int)uptime.TotalHours}h {uptime.Minutes}m" : $"{(int)uptime.TotalMinutes}m {uptime.Seconds}s";
}
