namespace Statecraft.Persistence.Policies;

/// <summary>
/// Named bundles of persistence settings. <c>Production</c> carries the reference system's production values:
/// hybrid, snapshots every 5 minutes (or 100 events), 5 kept, compaction after 1,000 events, 500 cached games,
/// compression on, finished games' snapshots kept 7 days and events 30 days.
/// </summary>
public static class PersistencePresets
{
    /// <summary>Preset names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["Development", "Production", "HighDurability", "LowLatency"];

    /// <summary>Applies <paramref name="name"/> to <paramref name="options"/>; false for an unknown name.</summary>
    public static bool TryApply(string name, PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (name)
        {
            case "Production":
                Production(options);
                return true;
            case "Development":
                // Frequent, uncompressed snapshots are easy to inspect; short retention keeps the local file small.
                Production(options);
                options.SnapshotEveryEvents = 20;
                options.SnapshotInterval = TimeSpan.FromMinutes(1);
                options.Compression = false;
                options.FinishedSnapshotRetention = TimeSpan.FromDays(1);
                options.FinishedGameRetention = TimeSpan.FromDays(3);
                options.GameCacheSize = 100;
                return true;
            case "HighDurability":
                // Shorter replay after a failure and a longer audit trail, at the cost of more writes and space.
                Production(options);
                options.SnapshotEveryEvents = 50;
                options.SnapshotInterval = TimeSpan.FromMinutes(1);
                options.SnapshotsToKeep = 10;
                options.CompactAfterEvents = 5_000;
                options.FinishedSnapshotRetention = TimeSpan.FromDays(30);
                options.FinishedGameRetention = TimeSpan.FromDays(90);
                return true;
            case "LowLatency":
                // Fewer, uncompressed snapshots keep CPU and write volume off the command path; more games stay hot.
                Production(options);
                options.SnapshotEveryEvents = 500;
                options.SnapshotInterval = TimeSpan.FromMinutes(15);
                options.SnapshotOnPhaseChange = false;
                options.SnapshotsToKeep = 3;
                options.Compression = false;
                options.GameCacheSize = 2_000;
                return true;
            default:
                return false;
        }
    }

    private static void Production(PersistenceOptions options)
    {
        options.Strategy = PersistenceStrategy.Hybrid;
        options.SnapshotEveryEvents = 100;
        options.SnapshotInterval = TimeSpan.FromMinutes(5);
        options.SnapshotOnPhaseChange = true;
        options.SnapshotOnDeactivation = true;
        options.SnapshotsToKeep = 5;
        options.CompactAfterEvents = 1_000;
        options.FinishedSnapshotRetention = TimeSpan.FromDays(7);
        options.FinishedGameRetention = TimeSpan.FromDays(30);
        options.Compression = true;
        options.CompressionThresholdBytes = 1_024;
        options.GameCacheSize = 500;
        options.RecentCommandWindow = 1_000;
    }
}
