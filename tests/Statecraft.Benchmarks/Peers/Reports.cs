using System.Globalization;

namespace Statecraft.Benchmarks.Peers;

/// <summary>The markdown tables for <c>docs/benchmarks.md</c>: medians over the rounds, ratios from the same run.</summary>
internal static class Reports
{
    public static void Print(GrainPeersOptions options, List<Measured> peers, List<Measured> rate)
    {
        if (peers.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"Saturation, {options.Workers} workers playing whole games; medians of {options.Rounds} rounds:");
            Console.WriteLine();
            Console.WriteLine("| Grain | Game length (events) | Commands | Commands/s | p50 (ms) | p99 (ms) | Store calls / command (ours) | Redis scripts run / command | Redis commands incl. in scripts / command | Bytes to Redis / command | Redis CPU (µs) / command | Process CPU (µs) / command | Allocated (KB) / command | Ours ÷ this (throughput) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var group in peers.GroupBy(m => (m.Length, m.Variant)))
            {
                var ours = Median(peers.Where(m => m.Length == group.Key.Length && m.Variant == GrainPeers.Ours), m => m.Drive.PerSecond);
                Console.WriteLine(Row(group.Key.Variant, group.Key.Length, [.. group], ours));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Fixed rate {options.Rate:N0} commands/s for {options.Seconds} s over {options.Tables} tables, games of {options.FixedRateLength} events, store {options.Store}; medians of {options.Rounds} rounds:");
        Console.WriteLine();
        Console.WriteLine("| Grain | Commands | p50 (ms) | p99 (ms) | Process CPU (ms) / 1,000 commands | Redis CPU (ms) / 1,000 commands | Allocated (KB) / command | Store calls / command (ours) | Redis scripts run / command |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in rate.GroupBy(m => m.Variant))
        {
            var all = group.ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {all.Sum(m => m.Drive.Commands):N0} | {Median(all, m => m.Drive.Percentile(0.5)):F2} | {Median(all, m => m.Drive.Percentile(0.99)):F2} | {Median(all, m => PerThousand(m.Use.ProcessCpu.TotalMilliseconds, m)):F0} | {Median(all, m => PerThousand(m.Use.RedisCpuSeconds * 1000, m)):F0} | {Median(all, m => m.Use.AllocatedBytes / 1024.0 / m.Drive.Commands):F1} | {StoreCalls(all)} | {Median(all, m => (double)m.Use.RedisScripts / m.Drive.Commands):F2} |"));
        }

        Console.WriteLine();
        Console.WriteLine("Where the time goes (our grain; medians of the rounds' percentiles):");
        Console.WriteLine();
        Console.WriteLine("| Grain | Client p50 / p99 (ms) | In the grain p50 / p99 (ms) | Store commit call p50 / p99 (ms) | Commits |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var group in rate.Where(m => m.Variant.StartsWith("Ours", StringComparison.Ordinal)).GroupBy(m => m.Variant))
        {
            var all = group.ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {Median(all, m => m.Drive.Percentile(0.5)):F2} / {Median(all, m => m.Drive.Percentile(0.99)):F2} | {Median(all, m => m.Breakdown!.GrainP50):F2} / {Median(all, m => m.Breakdown!.GrainP99):F2} | {Median(all, m => m.Breakdown!.StoreAppendP50):F2} / {Median(all, m => m.Breakdown!.StoreAppendP99):F2} | {all.Sum(m => m.Breakdown!.StoreAppends):N0} |"));
        }

        Console.WriteLine();
        Ratio(rate, "process CPU per command, persistence on ÷ off", GrainPeers.Ours, GrainPeers.OursOff, m => m.Use.ProcessCpu.TotalMilliseconds / m.Drive.Commands);
        Ratio(rate, "p99, persistence on ÷ off", GrainPeers.Ours, GrainPeers.OursOff, m => m.Drive.Percentile(0.99));
        foreach (var before in new[] { GrainPeers.SeparatePrune, GrainPeers.DedicatedThreads })
        {
            Ratio(rate, $"{before} ÷ as shipped, process CPU per command", before, GrainPeers.Ours, m => m.Use.ProcessCpu.TotalMilliseconds / m.Drive.Commands);
            Ratio(rate, $"{before} ÷ as shipped, p99", before, GrainPeers.Ours, m => m.Drive.Percentile(0.99));
            Ratio(rate, $"{before} ÷ as shipped, store calls per command", before, GrainPeers.Ours, m => (double)m.Use.StoreCalls / m.Drive.Commands);
        }

        var unexpected = peers.Concat(rate).Sum(m => m.Drive.Unexpected);
        Console.WriteLine();
        Console.WriteLine($"Answers that were refused or of the wrong durability, all windows: {unexpected}");
    }

    private static string Row(string variant, int length, List<Measured> rounds, double ours)
    {
        var throughput = Median(rounds, m => m.Drive.PerSecond);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {variant} | {length:N0} | {rounds[0].Drive.Commands:N0} | {throughput:N0} | {Median(rounds, m => m.Drive.Percentile(0.5)):F2} | {Median(rounds, m => m.Drive.Percentile(0.99)):F2} | {StoreCalls(rounds)} | {Median(rounds, m => (double)m.Use.RedisScripts / m.Drive.Commands):F2} | {Median(rounds, m => (double)m.Use.RedisCommands / m.Drive.Commands):F2} | {Median(rounds, m => (double)m.Use.RedisBytesIn / m.Drive.Commands):N0} | {Median(rounds, m => m.Use.RedisCpuSeconds * 1e6 / m.Drive.Commands):F0} | {Median(rounds, m => m.Use.ProcessCpu.TotalMilliseconds * 1000 / m.Drive.Commands):F0} | {Median(rounds, m => m.Use.AllocatedBytes / 1024.0 / m.Drive.Commands):F1} | {ours / throughput:F2}× |");
    }

    private static void Ratio(List<Measured> rate, string what, string numerator, string denominator, Func<Measured, double> metric)
    {
        var top = rate.Where(m => m.Variant == numerator).ToList();
        var bottom = rate.Where(m => m.Variant == denominator).ToList();
        if (top.Count > 0 && bottom.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- {what}: {Median(top, metric) / Median(bottom, metric):F2}×"));
        }
    }

    /// <summary>Our store's calls (each one Redis request, or one SQLite transaction) per command; the peers' calls are Orleans' own.</summary>
    private static string StoreCalls(List<Measured> rounds) => rounds[0].Variant.StartsWith("Ours", StringComparison.Ordinal)
        ? Median(rounds, m => (double)m.Use.StoreCalls / m.Drive.Commands).ToString("F2", CultureInfo.InvariantCulture)
        : "—";

    private static double PerThousand(double total, Measured m) => total * 1000 / m.Drive.Commands;

    private static double Median(IEnumerable<Measured> rounds, Func<Measured, double> metric)
    {
        var values = rounds.Select(metric).Order().ToArray();
        return values.Length == 0 ? 0 : values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
    }
}
