namespace Statecraft.LoadTest.Stats;

/// <summary>
/// A log-linear latency histogram in the manner of HdrHistogram: values below <see cref="SubBucketCount"/>
/// microseconds are counted exactly, larger ones in buckets whose width is at most 1/128 of their value, so every
/// percentile is reported within 0.8% of the true sample (and never below it) in fixed memory, however many samples.
/// Safe to record into from many threads at once; reads while recording see a consistent-enough picture for progress
/// lines and an exact one once recording has stopped.
/// </summary>
internal sealed class LatencyHistogram
{
    /// <summary>Values below this are counted exactly; above it each power of two is split into half this many buckets.</summary>
    public const int SubBucketCount = 256;

    /// <summary>The largest value kept as is, in microseconds (about 19 hours); larger ones are counted as this.</summary>
    public const long HighestTrackableMicroseconds = (1L << 36) - 1;

    private const int HalfSubBucketCount = SubBucketCount / 2;
    private const int SubBucketBits = 8;

    private readonly long[] _counts = new long[IndexOf(HighestTrackableMicroseconds) + 1];
    private long _totalCount;
    private long _max;
    private long _min = long.MaxValue;

    /// <summary>How many values were recorded.</summary>
    public long TotalCount => Interlocked.Read(ref _totalCount);

    /// <summary>The largest value recorded, exactly; zero when empty.</summary>
    public TimeSpan Max => FromMicroseconds(Interlocked.Read(ref _max));

    /// <summary>The smallest value recorded, exactly; zero when empty.</summary>
    public TimeSpan Min => TotalCount == 0 ? TimeSpan.Zero : FromMicroseconds(Interlocked.Read(ref _min));

    /// <summary>Records one latency; negative ones (a clock oddity) count as zero.</summary>
    public void Record(TimeSpan latency)
    {
        var micros = Math.Clamp(latency.Ticks / (TimeSpan.TicksPerMillisecond / 1000), 0, HighestTrackableMicroseconds);
        Interlocked.Increment(ref _counts[IndexOf(micros)]);
        Interlocked.Increment(ref _totalCount);
        UpdateMax(micros);
        UpdateMin(micros);
    }

    /// <summary>Adds every value of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _counts.Length; i++)
        {
            var count = Interlocked.Read(ref other._counts[i]);
            if (count != 0)
            {
                Interlocked.Add(ref _counts[i], count);
            }
        }

        var added = other.TotalCount;
        Interlocked.Add(ref _totalCount, added);
        if (added > 0)
        {
            UpdateMax(Interlocked.Read(ref other._max));
            UpdateMin(Interlocked.Read(ref other._min));
        }
    }

    /// <summary>
    /// The value at or below which <paramref name="percentile"/> percent of the samples fall (0–100), reported as the
    /// top of its bucket but never above the true maximum; zero when empty.
    /// </summary>
    public TimeSpan Percentile(double percentile)
    {
        if (double.IsNaN(percentile) || percentile is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile is 0 to 100.");
        }

        var total = TotalCount;
        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        // The rank of the sample that the percentile names: the 50th of 100 samples is the 50th smallest, and p0 is the min.
        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return FromMicroseconds(Math.Min(HighestIn(i), Interlocked.Read(ref _max)));
            }
        }

        return Max;
    }

    /// <summary>The bucket that counts <paramref name="micros"/>.</summary>
    internal static int IndexOf(long micros)
    {
        if (micros < SubBucketCount)
        {
            return (int)micros;
        }

        // Shift the value down until it fits in [128, 256): the shift is the bucket's power of two, the rest its slot.
        var shift = (63 - (int)long.LeadingZeroCount(micros)) - (SubBucketBits - 1);
        var slot = (int)(micros >> shift) - HalfSubBucketCount;
        return SubBucketCount + ((shift - 1) * HalfSubBucketCount) + slot;
    }

    /// <summary>The largest value that lands in bucket <paramref name="index"/>.</summary>
    internal static long HighestIn(int index)
    {
        if (index < SubBucketCount)
        {
            return index;
        }

        var shift = ((index - SubBucketCount) / HalfSubBucketCount) + 1;
        var slot = ((index - SubBucketCount) % HalfSubBucketCount) + HalfSubBucketCount;
        return ((long)(slot + 1) << shift) - 1;
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
