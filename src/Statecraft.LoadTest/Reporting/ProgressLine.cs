using System.Globalization;

namespace Statecraft.LoadTest.Reporting;

/// <summary>One second of a run as the live progress line shows it.</summary>
/// <param name="Elapsed">Time since the timetable started (warmup included).</param>
/// <param name="Warmup">True while the warmup lasts.</param>
/// <param name="SentPerSecond">Commands sent in the last interval, per second.</param>
/// <param name="AcceptedPerSecond">Commands accepted in the last interval, per second.</param>
/// <param name="P99">The 99th percentile latency so far in the current phase.</param>
/// <param name="Errors">Commands failed with an exception so far in the current phase.</param>
/// <param name="Dropped">Slots dropped for saturation so far in the current phase.</param>
/// <param name="InFlight">Commands running now.</param>
internal readonly record struct ProgressLine(TimeSpan Elapsed, bool Warmup, double SentPerSecond, double AcceptedPerSecond, TimeSpan P99, long Errors, long Dropped, int InFlight)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Formatting.Seconds(Elapsed),6} {(Warmup ? "warmup" : "run   ")}  sent {Formatting.Rate(SentPerSecond),8}/s  ok {Formatting.Rate(AcceptedPerSecond),8}/s  "
        + $"p99 {Formatting.Latency(P99),10}  errors {Errors}  dropped {Dropped}  in flight {InFlight}");

    /// <summary>
    /// The rates between two readings of the same counters taken <paramref name="interval"/> apart; zero for an empty
    /// interval, and never negative when the counters were reset in between (the phase changed).
    /// </summary>
    public static (double Sent, double Accepted) Rates(long sentBefore, long sentNow, long acceptedBefore, long acceptedNow, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
        {
            return (0, 0);
        }

        var seconds = interval.TotalSeconds;
        return (Math.Max(0, sentNow - sentBefore) / seconds, Math.Max(0, acceptedNow - acceptedBefore) / seconds);
    }
}
