using System.Diagnostics;
using StackExchange.Redis;

namespace Statecraft.Benchmarks.Recovery;

/// <summary>One measured phase: the side load alone (the baseline) or the side load during a storm.</summary>
/// <param name="Name">The scenario.</param>
/// <param name="Games">The games recovered (empty for the baseline).</param>
/// <param name="Storm">What the storm's clients saw; null for the baseline.</param>
/// <param name="Side">The side-load commands due while the phase ran (after the lead-in).</param>
/// <param name="Window">How long the phase ran, lead-in excluded.</param>
/// <param name="Calls">Store calls during the phase, by group and call.</param>
/// <param name="RoundTrips">Requests the silo's Redis connection sent during the phase, by group and command.</param>
/// <param name="Redis">The Redis server's work during the phase.</param>
/// <param name="SiloCpu">CPU the whole process used during the phase: the silo, the storm's clients and the side load.</param>
/// <remarks>Every figure covers the phase after a short lead-in of the side load alone, so the side load is in its steady state.</remarks>
internal sealed record StormPhase(
    string Name,
    IReadOnlyList<SeedPlan> Games,
    StormOutcome? Storm,
    IReadOnlyList<SideCommand> Side,
    TimeSpan Window,
    IReadOnlyDictionary<(string Group, string Call), long> Calls,
    IReadOnlyDictionary<(string Group, string Command), long> RoundTrips,
    RedisServerStats Redis,
    TimeSpan SiloCpu)
{
    // The side load runs alone this long first, so a phase starts with it in its steady state.
    private static readonly TimeSpan LeadIn = TimeSpan.FromMilliseconds(500);

    /// <summary>Store calls the side load's games made during the phase.</summary>
    public long SideStoreCalls => Calls.Where(c => c.Key.Group == "hot").Sum(c => c.Value);

    /// <summary>Store calls the recovered games made during the phase.</summary>
    public long StormStoreCalls => Calls.Where(c => c.Key.Group != "hot").Sum(c => c.Value);

    /// <summary>Loads among <see cref="StormStoreCalls"/>.</summary>
    public long StormLoads => Calls.Where(c => c.Key.Group != "hot" && c.Key.Call == "load").Sum(c => c.Value);

    /// <summary>Redis requests sent for the recovered games during the phase.</summary>
    public long StormRoundTrips => RoundTrips.Where(c => c.Key.Group is not "hot" and not "other").Sum(c => c.Value);

    /// <summary>
    /// Runs the side load, and after its lead-in either the storm over <paramref name="games"/> or, without games, just
    /// <paramref name="baseline"/> of waiting; measures the process's and the Redis server's work from the end of the lead-in.
    /// </summary>
    public static async Task<StormPhase> RunAsync(
        string name, StormSilo silo, SideLoad side, IDatabase redis, StormOptions options, IReadOnlyList<SeedPlan> games, TimeSpan baseline)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(side);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(games);
        var end = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = Stopwatch.GetTimestamp();
        var sideRun = side.RunAsync(options.SideRate, started, end.Task);
        await Task.Delay(LeadIn);

        // Every counter covers the phase after the lead-in, as the side-load latencies do.
        var redisBefore = await RedisServerStats.ReadAsync(redis);
        var callsBefore = silo.Store.Snapshot();
        silo.RoundTrips.Collect();
        var cpuBefore = ProcessCpu();
        var from = Stopwatch.GetElapsedTime(started);
        StormOutcome? storm = null;
        if (games.Count == 0)
        {
            await Task.Delay(baseline);
        }
        else
        {
            storm = await StormClients.RunAsync(silo.Grains, games, options.InFlight, options.RetryPause);
        }

        var to = Stopwatch.GetElapsedTime(started);
        end.SetResult(to);
        var sent = await sideRun;

        var cpu = ProcessCpu() - cpuBefore;
        var callsAfter = silo.Store.Snapshot();
        var calls = callsAfter.ToDictionary(c => c.Key, c => c.Value - callsBefore.GetValueOrDefault(c.Key));
        var roundTrips = silo.RoundTrips.Collect();
        var redisWork = (await RedisServerStats.ReadAsync(redis)).Since(redisBefore);
        return new StormPhase(name, games, storm, [.. sent.Where(c => c.Due >= from && c.Due <= to)], to - from, calls, roundTrips, redisWork, cpu);
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
