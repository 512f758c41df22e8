using Statecraft.Persistence.Codec;
using Statecraft.Persistence.Records;

namespace Statecraft.Persistence.Policies;

/// <summary>
/// Persistence settings, bound from <c>Statecraft:Persistence</c>. A <see cref="Preset"/> fills in every value first;
/// keys set explicitly in configuration then override it. Defaults equal the <c>Production</c> preset.
/// </summary>
public sealed class PersistenceOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Statecraft:Persistence";

    /// <summary>A named preset (<c>Development</c>, <c>Production</c>, <c>HighDurability</c>, <c>LowLatency</c>) applied before explicit keys.</summary>
    public string? Preset { get; set; }

    /// <summary>How changes reach storage.</summary>
    public PersistenceStrategy Strategy { get; set; } = PersistenceStrategy.Hybrid;

    /// <summary>Hybrid: snapshot once this many events were appended since the last snapshot.</summary>
    public int SnapshotEveryEvents { get; set; } = 100;

    /// <summary>Hybrid: snapshot at the first commit once this long has passed since the last snapshot.</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Hybrid: snapshot when a commit changes the game's phase.</summary>
    public bool SnapshotOnPhaseChange { get; set; } = true;

    /// <summary>Hybrid: snapshot when a game with unsnapshotted events is deactivated.</summary>
    public bool SnapshotOnDeactivation { get; set; } = true;

    /// <summary>Snapshots kept per game; older ones are pruned.</summary>
    public int SnapshotsToKeep { get; set; } = 5;

    /// <summary>Every this many events, events older than the oldest kept snapshot are compacted away.</summary>
    public int CompactAfterEvents { get; set; } = 1_000;

    /// <summary>Finished games: drop snapshots they no longer need after this long; null keeps them.</summary>
    public TimeSpan? FinishedSnapshotRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Finished games: delete them entirely after this long; null keeps them forever.</summary>
    public TimeSpan? FinishedGameRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Brotli-compress payloads from <see cref="CompressionThresholdBytes"/> up.</summary>
    public bool Compression { get; set; } = true;

    /// <summary>Smallest serialized payload that is compressed.</summary>
    public int CompressionThresholdBytes { get; set; } = 1_024;

    /// <summary>Games the grain layer keeps active per silo before idle ones are deactivated (carried here for the grain layer).</summary>
    public int GameCacheSize { get; set; } = 500;

    /// <summary>Commands per game remembered for idempotent retries.</summary>
    public int RecentCommandWindow { get; set; } = 1_000;

    /// <summary>The codec settings these options imply.</summary>
    public CodecSettings ToCodecSettings() => new(Compression, CompressionThresholdBytes);

    /// <summary>The retention policy these options imply.</summary>
    public RetentionPolicy ToRetentionPolicy() => new(FinishedSnapshotRetention, FinishedGameRetention);
}
