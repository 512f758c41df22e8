using System.Diagnostics;
using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;

namespace Statecraft.Benchmarks.Peers;

/// <summary>The value at share <c>p</c> of an ascending array (index ⌊p·n⌋, the last for p = 1); 0 when empty.</summary>
internal static class SortedPercentile
{
    public static double At(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}

/// <summary>Sends one command to the grain of a game and returns its answer.</summary>
internal delegate Task<CommandResult> SendCommand(string gameId, GameCommand command);

/// <summary>Latencies in milliseconds and the answers that were not what the run expected.</summary>
internal sealed record DriveResult(double[] SortedLatencies, TimeSpan Elapsed, int Unexpected, string? FirstUnexpected)
{
    public int Commands => SortedLatencies.Length;

    public double PerSecond => Commands / Elapsed.TotalSeconds;

    public double Percentile(double p) => SortedPercentile.At(SortedLatencies, p);
}

/// <summary>
/// Closed loop: each worker plays whole games one command at a time, as fast as the grain answers (saturation
/// throughput). Fixed rate: command i is due i/rate seconds after the start and its latency runs from that time, so a
/// slow answer shows up instead of slowing the schedule down (no coordinated omission).
/// </summary>
internal static class LoadDrivers
{
    public static async Task<DriveResult> ClosedLoopAsync(SendCommand send, Durability expected, string idPrefix,
        IReadOnlyList<GameCommand>[] recorded, int workers, int gamesPerWorker)
    {
        var latencies = new List<double>[workers];
        var unexpected = 0;
        string? first = null;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            latencies[worker] = [];
            for (var game = 0; game < gamesPerWorker; game++)
            {
                var index = (worker * gamesPerWorker) + game;
                foreach (var command in recorded[index % recorded.Length])
                {
                    var started = Stopwatch.GetTimestamp();
                    var result = await send($"{idPrefix}-{index}", command);
                    latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (!result.Accepted || result.Durability != expected)
                    {
                        Interlocked.Increment(ref unexpected);
                        Interlocked.CompareExchange(ref first, result.ToString(), null);
                    }
                }
            }
        }));
        clock.Stop();
        return new DriveResult([.. latencies.SelectMany(l => l).Order()], clock.Elapsed, unexpected, first);
    }

    public static async Task<DriveResult> FixedRateAsync(SendCommand send, Durability expected, string idPrefix,
        IReadOnlyList<GameCommand>[] recorded, int tables, double rate, TimeSpan duration)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new double[total];
        var next = -1;
        var nextGame = -1;
        var unexpected = 0;
        string? first = null;
        var start = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, tables).Select(async _ =>
        {
            var game = Interlocked.Increment(ref nextGame);
            var step = 0;
            while (Interlocked.Increment(ref next) is var i && i < total)
            {
                var due = start + (long)(i / rate * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait);
                }

                var commands = recorded[game % recorded.Length];
                var result = await send($"{idPrefix}-{game}", commands[step]);
                latencies[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                if (!result.Accepted || result.Durability != expected)
                {
                    Interlocked.Increment(ref unexpected);
                    Interlocked.CompareExchange(ref first, result.ToString(), null);
                }

                if (++step == commands.Count)
                {
                    (game, step) = (Interlocked.Increment(ref nextGame), 0);
                }
            }
        }));
        clock.Stop();
        return new DriveResult([.. latencies.Order()], clock.Elapsed, unexpected, first);
    }
}
