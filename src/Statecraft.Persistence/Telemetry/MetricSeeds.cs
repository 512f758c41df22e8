using System.Diagnostics;
using Statecraft.Persistence.Policies;

namespace Statecraft.Persistence.Telemetry;

/// <summary>
/// Creates the persistence counters' series at zero for every label value they can take (the sets are small and fixed).
/// A counter that has never counted has no series; then <c>rate()</c> is empty rather than 0, and an alert such as
/// "no snapshot written while commands flow" could never fire.
/// </summary>
public static class MetricSeeds
{
    private static readonly string[] SeededOperations = ["commit", "snapshot", "load", "prune"];

    /// <summary>Seeds the series of <paramref name="store"/>.</summary>
    public static void Seed(string store)
    {
        foreach (var operation in SeededOperations)
        {
            foreach (var kind in Enum.GetValues<StoreErrorKind>())
            {
                StoreErrors.Record(store, operation, kind, count: 0);
            }
        }

        foreach (var reason in Enum.GetValues<SnapshotReason>())
        {
            JournalMetrics.SnapshotsWritten.Add(0, new KeyValuePair<string, object?>("reason", reason.ToString()));
        }

        foreach (var outcome in (string[])["clean", "fell_back", "failed"])
        {
            JournalMetrics.Recoveries.Add(0, new KeyValuePair<string, object?>("outcome", outcome));
        }

        foreach (var state in (string[])["closed", "half_open", "open"])
        {
            ResilienceMetrics.CircuitTransitions.Add(0, new TagList { { "store", store }, { "state", state } });
        }

        foreach (var reason in (string[])["circuit_open", "timeout", "recovery_queue_full", "degraded_backlog_full"])
        {
            ResilienceMetrics.CallsRejected.Add(0, new KeyValuePair<string, object?>("reason", reason));
        }

        PersistenceMetrics.CorruptRecords.Add(0);
    }
}
