using System.Diagnostics;

namespace Statecraft.Benchmarks.Recovery;

/// <summary>One side-load command: when it was due (from the start of its run) and how long after that it was answered.</summary>
internal readonly record struct SideCommand(TimeSpan Due, double LatencyMs, bool Applied);

/// <summary>
/// Unrelated traffic on games that were active before the storm: each hot game gets a move every
/// <c>games ÷ rate</c> seconds on a fixed schedule, the games' schedules staggered evenly. Open loop: a command's
/// latency counts from when it was due, not from when it was sent, so a stall counts in full for the stalled command
/// and for every command it held back.
/// </summary>
internal sealed class SideLoad(IReadOnlyList<HotGame> games)
{
    /// <summary>Starts <paramref name="count"/> hot games and warms each with a few moves, so the JIT and the activations are done.</summary>
    public static async Task<SideLoad> StartAsync(IGrainFactory grains, int count, int seed)
    {
        var games = GameIds(count).Select((id, i) => new HotGame(grains, id, (ulong)(seed * 1_000 + i))).ToList();
        await Task.WhenAll(games.Select(g => g.StartAsync(moves: 20)));
        return new SideLoad(games);
    }

    /// <summary>
    /// Runs at <paramref name="perSecond"/> commands a second from <paramref name="started"/> (a <see cref="Stopwatch"/>
    /// timestamp, which due times count from) until <paramref name="end"/> gives the time it ends at; every command due
    /// before then is still sent, however late, so the slowest ones are never left out. Returns every command sent.
    /// </summary>
    public async Task<IReadOnlyList<SideCommand>> RunAsync(double perSecond, long started, Task<TimeSpan> end)
    {
        var period = TimeSpan.FromSeconds(games.Count / perSecond);
        var runs = await Task.WhenAll(games.Select((game, i) => PaceAsync(game, started, period * i / games.Count, period, end)));
        return [.. runs.SelectMany(r => r).OrderBy(c => c.Due)];
    }

    /// <summary>The ids of <paramref name="count"/> hot games (their group, for store-call counts, is <c>hot</c>).</summary>
    public static IEnumerable<string> GameIds(int count) => Enumerable.Range(0, count).Select(i => $"hot-{i:D3}");

    /// <summary>Whether any hot game has ended (then the side load ran below its rate for the rest of the run).</summary>
    public bool AnyOver => games.Any(g => g.IsOver);

    private static async Task<List<SideCommand>> PaceAsync(HotGame game, long started, TimeSpan offset, TimeSpan period, Task<TimeSpan> end)
    {
        var sent = new List<SideCommand>();
        for (var k = 0; !game.IsOver; k++)
        {
            var due = offset + period * k;
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.WhenAny(Task.Delay(wait), end);
            }

            // The end is announced when it happens, so a command due before it is already due now.
            if (end.IsCompleted && due > await end)
            {
                break;
            }

            var applied = await game.PlayNextAsync();
            sent.Add(new SideCommand(due, (Stopwatch.GetElapsedTime(started) - due).TotalMilliseconds, applied));
        }

        return sent;
    }
}
