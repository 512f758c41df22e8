using System.Collections.Concurrent;
using System.Diagnostics;

namespace Statecraft.Cluster.Tests.Outage;

/// <summary>Every command the outage bots sent: when it started, how long its answer took and what it was.</summary>
internal sealed class CallLog
{
    private readonly ConcurrentQueue<Call> _calls = new();
    private readonly long _origin = Stopwatch.GetTimestamp();

    public TimeSpan Now => Stopwatch.GetElapsedTime(_origin);

    public void Add(TimeSpan startedAt, TimeSpan latency, string gameId, string outcome) => _calls.Enqueue(new Call(startedAt, latency, gameId, outcome));

    /// <summary>Calls that started at or after <paramref name="from"/> and ended by <paramref name="to"/>.</summary>
    public List<Call> Between(TimeSpan from, TimeSpan to) =>
        [.. _calls.Where(c => c.StartedAt >= from && c.StartedAt + c.Latency <= to)];

    public List<Call> After(TimeSpan from) => [.. _calls.Where(c => c.StartedAt >= from)];

    public static TimeSpan Percentile(IReadOnlyList<Call> calls, double percentile)
    {
        if (calls.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var sorted = calls.Select(c => c.Latency).Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1)];
    }

    public static string Outcomes(IEnumerable<Call> calls) =>
        string.Join(", ", calls.GroupBy(c => c.Outcome).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}={g.Count()}"));

    internal sealed record Call(TimeSpan StartedAt, TimeSpan Latency, string GameId, string Outcome);
}
