using System.Diagnostics.Metrics;

namespace Statecraft.Persistence.Telemetry;

/// <summary>Instruments of the journal: snapshots written and recoveries, on the shared Statecraft meter.</summary>
public static class JournalMetrics
{
    private static Meter Meter => StatecraftMeter.Instance;

    /// <summary>Snapshots written, tagged by reason.</summary>
    public static readonly Counter<long> SnapshotsWritten = Meter.CreateCounter<long>(
        "statecraft.snapshots.written", description: "Snapshots written, by reason.");

    /// <summary>Games recovered from storage, tagged by outcome (clean, fell_back, failed).</summary>
    public static readonly Counter<long> Recoveries = Meter.CreateCounter<long>(
        "statecraft.recoveries", description: "Games recovered from storage, by outcome.");

    /// <summary>Events replayed on recovery, to watch replay length.</summary>
    public static readonly Histogram<long> ReplayedEvents = Meter.CreateHistogram<long>(
        "statecraft.recovery.replayed_events", description: "Events folded onto the snapshot when a game was recovered.");
}
