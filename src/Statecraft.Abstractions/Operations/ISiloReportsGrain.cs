namespace Statecraft.Abstractions.Operations;

/// <summary>
/// Where operators' tools find what each silo knows only about itself — its games in memory, its store's circuit, its
/// recoveries, its HTTP address: every silo reports every few seconds, and a report not renewed within
/// <see cref="SiloReport.ExpiresAfter"/> is dropped (its silo is gone). Kept in memory only; a new activation
/// fills up again within one report period.
/// </summary>
[Alias("statecraft.ISiloReportsGrain")]
public interface ISiloReportsGrain : IGrainWithStringKey
{
    /// <summary>The key of the cluster-wide instance.</summary>
    const string Key = "cluster";

    /// <summary>Records (or renews) one silo's report.</summary>
    [Alias("Report")]
    Task Report(SiloReport report);

    /// <summary>The current report of every silo that reported recently, by silo address.</summary>
    [Alias("GetReports")]
    Task<IReadOnlyList<SiloReport>> GetReports();
}
