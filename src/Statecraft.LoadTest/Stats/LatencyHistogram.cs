using HdrHistogram;

namespace Statecraft.LoadTest.Stats;

/// <summary>
/// Latencies in microseconds, counted by HdrHistogram (3 significant digits: every percentile within 0.1% of the true
/// sample, in fixed memory, however many samples), plus the exact minimum and maximum. Safe to record into from many
/// threads at once; reads while recording see a consistent-enough picture for progress lines and an exact one once
/// recording has stopped.
/// </summary>
internal sealed class LatencyHistogram
{
    /// <summary>The largest value kept as is, in microseconds (about 19 hours); larger ones are counted as this.</summary>
    public const long HighestTrackableMicroseconds = (1L << 36) - 1;

    private readonly LongConcurrentHistogram _counts = new(1, HighestTrackableMicroseconds, 3);
    private long _max;
    private long _min = long.MaxValue;

    /// <summary>How many values were recorded.</summary>
    public long TotalCount => _counts.TotalCount;

    /// <summary>The largest value recorded, exactly; zero when empty.</summary>
    public TimeSpan Max => FromMicroseconds(Interlocked.Read(ref _max));

    /// <summary>The smallest value recorded, exactly; zero when empty.</summary>
    public TimeSpan Min => TotalCount == 0 ? TimeSpan.Zero : FromMicroseconds(Interlocked.Read(ref _min));

    /// <summary>Records one latency; negative ones (a clock oddity) count as zero.</summary>
    public void Record(TimeSpan latency)
    {
        var micros = Math.Clamp(latency.Ticks / (TimeSpan.TicksPerMillisecond / 1000), 0, HighestTrackableMicroseconds);
        _counts.RecordValue(micros);
        UpdateMax(micros);
        UpdateMin(micros);
    }

    /// <summary>Adds every value of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _counts.Add(other._counts);
        if (other.TotalCount > 0)
        {
            UpdateMax(Interlocked.Read(ref other._max));
            UpdateMin(Interlocked.Read(ref other._min));
        }
    }

    /// <summary>
    /// The value at or below which <paramref name="percentile"/> percent of the samples fall (0–100, nearest rank),
    /// reported as the top of its bucket but never above the true maximum; zero when empty.
    /// </summary>
    public TimeSpan Percentile(double percentile)
    {
        if (double.IsNaN(percentile) || percentile is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile is 0 to 100.");
        }

        // HdrHistogram's iteration refuses a histogram that changes underneath it, and progress lines read while
        // workers record: read a copy.
        var counts = _counts.Copy();
        var total = counts.TotalCount;
        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        // Nearest rank, so a reported percentile is never below the sample it names (HdrHistogram's own lookup rounds
        // the rank to nearest, which can land one sample low): the 50th of 100 samples is the 50th smallest, p0 the min.
        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * total));
        foreach (var value in counts.RecordedValues())
        {
            if (value.TotalCountToThisValue >= rank)
            {
                return FromMicroseconds(Math.Min(counts.HighestEquivalentValue(value.ValueIteratedTo), Interlocked.Read(ref _max)));
            }
        }

        return Max;
    }

    private static TimeSpan FromMicroseconds(long micros) => TimeSpan.FromTicks(micros * (TimeSpan.TicksPerMillisecond / 1000));

    private void UpdateMax(long micros)
    {
        var current = Interlocked.Read(ref _max);
        while (micros > current)
        {
            var seen = Interlocked.CompareExchange(ref _max, micros, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private void UpdateMin(long micros)
    {
        var current = Interlocked.Read(ref _min);
        while (micros < current)
        {
            var seen = Interlocked.CompareExchange(ref _min, micros, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
