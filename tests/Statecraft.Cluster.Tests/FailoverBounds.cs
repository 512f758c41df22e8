namespace Statecraft.Cluster.Tests;

/// <summary>
/// How long the failover tests allow before calling something a hang. Generous on purpose: CI runs on a loaded
/// 2-core machine, and these tests catch stalls and lost commands; the real figures (about 2 s idle, up to 4 s loaded,
/// about 6 s as a client with a 5 s response timeout sees it) live in docs/benchmarks.md.
/// </summary>
internal static class FailoverBounds
{
    /// <summary>From the kill to the slowest game's first answer.</summary>
    public static readonly TimeSpan EveryGameAnswersWithin = TimeSpan.FromSeconds(20);
}
