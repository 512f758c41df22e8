using System.Globalization;

namespace Statecraft.Benchmarks.Recovery;

/// <summary>The recovery storm's results: a markdown table for docs/benchmarks.md, the details behind it, and the targets.</summary>
internal static class StormReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Print(StormPhase baseline, IReadOnlyList<StormPhase> storms)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(storms);
        // The server cannot tell whose commands it ran: the side load's share is its store calls times what each cost
        // the server when it ran alone.
        var redisPerSideCall = baseline.SideStoreCalls == 0 ? 0 : baseline.Redis.StoreCommands / (double)baseline.SideStoreCalls;
        // Likewise for CPU: the side load's share of a phase is what it used per second alone.
        var processPerSecond = baseline.SiloCpu.TotalSeconds / baseline.Window.TotalSeconds;
        var redisCpuPerSecond = baseline.Redis.CpuSeconds / baseline.Window.TotalSeconds;

        Console.WriteLine();
        Console.WriteLine("| Scenario | Games recovered | Events per game (mean) | Events replayed after the snapshot (mean) | All answered (s) | Answer p50 / p99 (s) | Refused, then retried | Store calls per recovery | Redis round trips per recovery | Redis commands run per recovery (incl. inside scripts) | Side commands | Side p50 / p99 / max (ms) | Redis CPU (s) | Process CPU (s) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(Format($"| Side load alone ({baseline.Window.TotalSeconds:F1} s) | — | — | — | — | — | — | — | — | — | {baseline.Side.Count:N0} | {Side(baseline)} | {baseline.Redis.CpuSeconds:F2} | {baseline.SiloCpu.TotalSeconds:F2} |"));
        foreach (var phase in storms)
        {
            var storm = phase.Storm!;
            var games = phase.Games.Count;
            var answers = LatencySummary.Of(storm.AnsweredAfterMs);
            var redisPerRecovery = (phase.Redis.StoreCommands - phase.SideStoreCalls * redisPerSideCall) / games;
            Console.WriteLine(Format(
                $"| {phase.Name} | {games:N0} | {phase.Games.Average(g => g.Version):F0} | {phase.Games.Average(g => g.Version - g.NewestSnapshot):F1} | {storm.Elapsed.TotalSeconds:F2} | {answers.P50 / 1000:F2} / {answers.P99 / 1000:F2} | {storm.Retries:N0} | {phase.StormStoreCalls / (double)games:F2} | {phase.StormRoundTrips / (double)games:F2} | {redisPerRecovery:F2} | {phase.Side.Count:N0} | {Side(phase)} | {phase.Redis.CpuSeconds:F2} | {phase.SiloCpu.TotalSeconds:F2} |"));
        }

        Console.WriteLine();
        Console.WriteLine(Format($"Side load alone: {Rate(baseline)}; Redis ran {baseline.Redis.Describe()} ({redisPerSideCall:F2} commands per side-load store call)."));
        foreach (var phase in storms)
        {
            var storm = phase.Storm!;
            var refusals = storm.Refusals.Count == 0 ? "none" : string.Join(", ", storm.Refusals.OrderByDescending(r => r.Value).Select(r => Format($"{r.Key} {r.Value:N0}")));
            var calls = string.Join(", ", phase.Calls.Where(c => c.Value > 0).OrderBy(c => c.Key.Group, StringComparer.Ordinal).ThenBy(c => c.Key.Call, StringComparer.Ordinal)
                .Select(c => Format($"{c.Key.Group} {c.Key.Call} {c.Value:N0}")));
            var roundTrips = string.Join(", ", phase.RoundTrips.OrderBy(c => c.Key.Group, StringComparer.Ordinal).ThenByDescending(c => c.Value)
                .Select(c => Format($"{c.Key.Group} {c.Key.Command} {c.Value:N0}")));
            var processPerRecovery = (phase.SiloCpu.TotalSeconds - processPerSecond * phase.Window.TotalSeconds) * 1000 / phase.Games.Count;
            var redisPerRecovery = (phase.Redis.CpuSeconds - redisCpuPerSecond * phase.Window.TotalSeconds) * 1000 / phase.Games.Count;
            Console.WriteLine(Format($"{phase.Name}: CPU per recovery, the side load's share taken out: process {processPerRecovery:F2} ms, Redis {redisPerRecovery:F3} ms; refusals {refusals}; answered at another version {storm.WrongVersions}; never answered {storm.Unanswered}; store calls {calls}; Redis requests {roundTrips}; the server ran {phase.Redis.Describe()}; side load {Rate(phase)}."));
        }

        Console.WriteLine();
        var main = storms[0];
        var mainCalls = main.StormStoreCalls / (double)main.Games.Count;
        var mainRoundTrips = main.StormRoundTrips / (double)main.Games.Count;
        Console.WriteLine(main.Games.Count >= 10_000
            ? Format($"Target: 10,000 games answering within 10 s — {(main.Storm!.Elapsed <= TimeSpan.FromSeconds(10) ? "met" : "NOT met")} ({main.Games.Count:N0} in {main.Storm!.Elapsed.TotalSeconds:F2} s).")
            : Format($"Target: 10,000 games answering within 10 s — not measured at this scale ({main.Games.Count:N0} games in {main.Storm!.Elapsed.TotalSeconds:F2} s, {main.Games.Count / main.Storm.Elapsed.TotalSeconds:N0} games/s)."));
        Console.WriteLine(Format($"Target: ≤ 2 store round trips per recovery — {(mainCalls <= 2 && mainRoundTrips <= 2 ? "met" : "NOT met")} ({mainCalls:F2} store calls, of them {main.StormLoads / (double)main.Games.Count:F2} loads; {mainRoundTrips:F2} Redis requests per recovery)."));
        foreach (var phase in storms)
        {
            // Starved means not served, or served too late to be playable: every command due during the storm must be
            // applied, and 99 % of them within a second of being due (a delay a player notices but that does not stop play).
            var failed = phase.Side.Count(c => !c.Applied);
            var side = LatencySummary.Of(phase.Side.Select(c => c.LatencyMs));
            var alone = LatencySummary.Of(baseline.Side.Select(c => c.LatencyMs));
            var starved = failed > 0 || side.P99 > 1_000;
            Console.WriteLine(Format(
                $"Target: unrelated commands not starved ({phase.Name}; all applied, p99 ≤ 1 s) — {(starved ? "NOT met" : "met")}: {phase.Side.Count:N0} commands due during the storm, {failed} not applied; p50 {side.P50:F1} ms, p99 {side.P99:F1} ms vs {alone.P99:F1} ms alone ({side.P99 / Math.Max(alone.P99, 0.001):F1}×), max {side.Max:F0} ms."));
        }
    }

    private static string Side(StormPhase phase)
    {
        var latency = LatencySummary.Of(phase.Side.Select(c => c.LatencyMs));
        return Format($"{latency.P50:F1} / {latency.P99:F1} / {latency.Max:F0}");
    }

    private static string Rate(StormPhase phase) =>
        Format($"{phase.Side.Count:N0} commands in {phase.Window.TotalSeconds:F1} s ({phase.Side.Count / phase.Window.TotalSeconds:F0}/s), {phase.Side.Count(c => !c.Applied)} not applied");

    private static string Format(FormattableString text) => text.ToString(Invariant);
}
