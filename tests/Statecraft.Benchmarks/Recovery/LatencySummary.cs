namespace Statecraft.Benchmarks.Recovery;

/// <summary>Count, median, 99th percentile and maximum of a set of durations, in milliseconds.</summary>
internal readonly record struct LatencySummary(int Count, double P50, double P99, double Max)
{
    public static LatencySummary Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        // Nearest rank: the smallest value at or above which the given share of samples lies.
        double At(double share) => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, At(0.50), At(0.99), sorted.Length == 0 ? 0 : sorted[^1]);
    }
}
