using System.Collections.Concurrent;
using Statecraft.Persistence.Stores;

namespace Statecraft.Cluster.Tests.Outage;

/// <summary>
/// One store outage under load, timed from the outside: warm-up, outage, recovery. It records when the silo's breaker
/// opened (from its /metrics), how fast commands were answered while it was open, how long games took to be
/// <c>Durable</c> again, the silo's memory, and then audits the store against every acknowledgement.
/// </summary>
internal static class OutageRun
{
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Recovery = TimeSpan.FromSeconds(10);

    public static async Task<OutageReport> RunAsync(OutageRig rig, IGameStore store, string mode, Func<Task> beginOutage, Func<Task> endOutage, CancellationToken ct)
    {
        using var scenario = new OutageScenario(rig.Client, tables: 6);
        await scenario.StartAsync(ct);
        var samples = new ConcurrentQueue<(TimeSpan At, double Circuit, double Degraded)>();
        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var polling = Task.Run(async () =>
        {
            try
            {
                while (!stopPolling.IsCancellationRequested)
                {
                    var circuit = await rig.Metrics.ReadAsync("statecraft_circuit_breaker_state", stopPolling.Token);
                    var degraded = await rig.Metrics.ReadAsync("statecraft_degraded_games", stopPolling.Token);
                    samples.Enqueue((scenario.Calls.Now, circuit ?? -1, degraded ?? -1));
                    await Task.Delay(100, stopPolling.Token);
                }
            }
            catch (OperationCanceledException) when (stopPolling.IsCancellationRequested)
            {
                // Stopped between two samples.
            }
        }, CancellationToken.None);

        await Task.Delay(WarmUp, ct);
        var memoryBefore = SiloMetrics.ResidentBytes(rig.Silo.Pid);
        var outageStarted = scenario.Calls.Now;
        await beginOutage();
        int? liveDuringOutage = null, readyDuringOutage = null;
        var probeAt = outageStarted + Outage - TimeSpan.FromSeconds(2);
        while (scenario.Calls.Now < outageStarted + Outage)
        {
            if (liveDuringOutage is null && scenario.Calls.Now >= probeAt)
            {
                liveDuringOutage = await rig.Metrics.StatusAsync("/health/live", ct);
                readyDuringOutage = await rig.Metrics.StatusAsync("/health/ready", ct);
            }

            await Task.Delay(100, ct);
        }

        var memoryDuring = SiloMetrics.ResidentBytes(rig.Silo.Pid);
        var outageEnding = scenario.Calls.Now;
        await endOutage();
        // A restarted store (a JVM, say) takes seconds to come back: recovery is timed from when it answers again.
        var outageEnded = scenario.Calls.Now;
        await Task.Delay(Recovery, ct);
        await scenario.StopAsync();
        await stopPolling.CancelAsync();
        await polling;

        var opened = samples.FirstOrDefault(s => s.At >= outageStarted && s.Circuit >= 2);
        var closed = samples.FirstOrDefault(s => s.At >= outageEnded && s.Circuit == 0);
        var openedAt = opened == default ? (TimeSpan?)null : opened.At;
        var whileOpen = openedAt is { } from ? scenario.Calls.Between(from + TimeSpan.FromMilliseconds(200), outageEnding) : [];
        // The games the outage caught (played during it and after it): how long until each was durable again.
        var caught = scenario.Calls.Between(outageStarted, outageEnding).Select(c => c.GameId).ToHashSet(StringComparer.Ordinal);
        var afterOutage = scenario.Calls.After(outageEnded).Where(c => caught.Contains(c.GameId)).ToList();
        var durableAgain = afterOutage.Where(c => c.Outcome == "Durable").GroupBy(c => c.GameId).ToDictionary(g => g.Key, g => g.Min(c => c.StartedAt + c.Latency));
        var problems = await scenario.Audit.FindProblemsAsync(store, rig.Client, ct);
        return new OutageReport(
            Mode: mode,
            BreakerOpenedAfter: openedAt - outageStarted,
            BreakerClosedAfterResume: closed == default ? null : closed.At - outageEnded,
            WhileOpen: whileOpen,
            GamesDurableAgain: durableAgain.Count,
            GamesPlayingAfter: afterOutage.Select(c => c.GameId).Distinct().Count(),
            LastGameDurableAfterResume: durableAgain.Count == 0 ? null : durableAgain.Values.Max() - outageEnded,
            MaxDegradedGames: samples.Where(s => s.At >= outageStarted && s.At <= outageEnding).Select(s => s.Degraded).DefaultIfEmpty(0).Max(),
            DegradedAtEnd: samples.LastOrDefault().Degraded,
            DegradedClearedAfterResume: samples.Where(s => s.At >= outageEnded && s.Degraded == 0).Select(s => (TimeSpan?)(s.At - outageEnded)).FirstOrDefault(),
            MemoryBefore: memoryBefore,
            MemoryDuring: memoryDuring,
            LiveDuringOutage: liveDuringOutage,
            ReadyDuringOutage: readyDuringOutage,
            Durable: scenario.Audit.Durable,
            MemoryOnly: scenario.Audit.MemoryOnly,
            Outcomes: CallLog.Outcomes(scenario.Calls.After(TimeSpan.Zero)),
            Problems: problems);
    }
}

/// <summary>What one outage run measured.</summary>
internal sealed record OutageReport(
    string Mode,
    TimeSpan? BreakerOpenedAfter,
    TimeSpan? BreakerClosedAfterResume,
    List<CallLog.Call> WhileOpen,
    int GamesDurableAgain,
    int GamesPlayingAfter,
    TimeSpan? LastGameDurableAfterResume,
    double MaxDegradedGames,
    double DegradedAtEnd,
    TimeSpan? DegradedClearedAfterResume,
    long MemoryBefore,
    long MemoryDuring,
    int? LiveDuringOutage,
    int? ReadyDuringOutage,
    int Durable,
    int MemoryOnly,
    string Outcomes,
    List<string> Problems)
{
    // Bounds that catch a breaker that never opens, a hang or a leak, not a slow machine; the measured figures are in
    // docs/benchmarks.md (the breaker opens in about 1 s, answers take milliseconds while it is open).
    private static readonly TimeSpan BreakerOpensWithin = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FastAnswer = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan DurableAgainWithin = TimeSpan.FromSeconds(8);
    private const long MemoryGrowthBound = 300L * 1024 * 1024;

    public string Summary =>
        $"{Mode}: breaker opened {Ms(BreakerOpenedAfter)} after the outage began and closed {Ms(BreakerClosedAfterResume)} after it ended; " +
        $"while open {WhileOpen.Count} answers p50 {Ms(CallLog.Percentile(WhileOpen, 50))} p99 {Ms(CallLog.Percentile(WhileOpen, 99))} max {Ms(CallLog.Percentile(WhileOpen, 100))} ({CallLog.Outcomes(WhileOpen)}); " +
        $"{GamesDurableAgain}/{GamesPlayingAfter} games durable again, the last {Ms(LastGameDurableAfterResume)} after the outage; " +
        $"degraded games max {MaxDegradedGames}, none {Ms(DegradedClearedAfterResume)} after the outage, {DegradedAtEnd} at the end; memory {MemoryBefore / 1048576} MB before, {MemoryDuring / 1048576} MB during; " +
        $"health live {LiveDuringOutage} ready {ReadyDuringOutage} during the outage; acknowledged {Durable} durable, {MemoryOnly} memory-only; " +
        $"{Problems.Count} audit problems; outcomes: {Outcomes}";

    public void AssertHeld()
    {
        Assert.True(Problems.Count == 0, $"{string.Join('\n', Problems.Take(20))}\n{Summary}");
        Assert.True(BreakerOpenedAfter is { } opened && opened <= BreakerOpensWithin, Summary);
        Assert.True(WhileOpen.Count >= 10, Summary);
        Assert.True(CallLog.Percentile(WhileOpen, 50) < FastAnswer, Summary);
        Assert.True(CallLog.Percentile(WhileOpen, 100) < TimeSpan.FromSeconds(3), Summary);
        Assert.True(GamesPlayingAfter > 0 && GamesDurableAgain == GamesPlayingAfter, Summary);
        Assert.True(DegradedClearedAfterResume is not null && DegradedClearedAfterResume <= DurableAgainWithin, Summary);
        Assert.True(LastGameDurableAfterResume <= DurableAgainWithin, Summary);
        Assert.True(BreakerClosedAfterResume is not null, Summary);
        Assert.True(MemoryDuring - MemoryBefore < MemoryGrowthBound, Summary);
        Assert.True(LiveDuringOutage == 200 && ReadyDuringOutage == 503, Summary);
        Assert.True(DegradedAtEnd == 0, Summary);
        Assert.True(Durable > 50, Summary);
        if (Mode == "Degrade")
        {
            Assert.True(MemoryOnly > 0 && MaxDegradedGames > 0, Summary);
            Assert.Contains(WhileOpen, c => c.Outcome == "MemoryOnly");
        }
        else
        {
            Assert.True(MemoryOnly == 0, Summary);
            Assert.Contains(WhileOpen, c => c.Outcome == "unavailable-CircuitOpen");
        }
    }

    private static string Ms(TimeSpan? value) => value is { } v ? $"{v.TotalMilliseconds:F0} ms" : "never";
}
