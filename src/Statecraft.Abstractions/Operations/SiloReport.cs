using System.Collections.Immutable;

namespace Statecraft.Abstractions.Operations;

/// <summary>One silo's view of itself, as its <c>/metrics</c> and <c>/health/ready</c> would show it, for <c>statecraft status</c>.</summary>
[GenerateSerializer, Immutable, Alias("statecraft.SiloReport")]
public sealed record SiloReport
{
    /// <summary>How often silos report.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    /// <summary>A report older than this is dropped: three periods missed.</summary>
    public static readonly TimeSpan ExpiresAfter = TimeSpan.FromSeconds(15);

    /// <summary>The silo's address as Orleans prints it (<c>S10.0.0.5:11111:123456789</c>).</summary>
    [Id(0)] public required string Silo { get; init; }

    /// <summary>Where its dashboard, <c>/metrics</c> and health endpoints answer; null when unknown.</summary>
    [Id(1)] public string? HttpUrl { get; init; }

    /// <summary>When the report was made (the silo's clock).</summary>
    [Id(2)] public DateTimeOffset ReportedAt { get; init; }

    /// <summary>Games in memory on this silo, by phase.</summary>
    [Id(3)] public ImmutableSortedDictionary<string, int> ActiveGamesByPhase { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    /// <summary>The game store's name (<c>sqlite</c>, <c>redis</c>, <c>dynamodb</c>, <c>memory</c>).</summary>
    [Id(4)] public string Store { get; init; } = "";

    /// <summary>The store's circuit as this silo sees it: <c>Closed</c>, <c>HalfOpen</c>, <c>Open</c> or <c>Isolated</c>.</summary>
    [Id(5)] public string Circuit { get; init; } = "";

    /// <summary>What commands get while the circuit is open: <c>FailFast</c> or <c>Degrade</c>.</summary>
    [Id(6)] public string OnStoreOutage { get; init; } = "";

    /// <summary>Games holding changes only memory has (Degrade mode).</summary>
    [Id(7)] public int DegradedGames { get; init; }

    /// <summary>Game recoveries since the silo started, by outcome.</summary>
    [Id(8)] public ImmutableSortedDictionary<string, long> RecoveriesByOutcome { get; init; } = ImmutableSortedDictionary<string, long>.Empty;

    /// <summary>The flag revision this silo applies.</summary>
    [Id(9)] public long FlagRevision { get; init; }
}
