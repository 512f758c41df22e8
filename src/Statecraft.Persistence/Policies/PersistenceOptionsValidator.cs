using Microsoft.Extensions.Options;

namespace Statecraft.Persistence.Policies;

/// <summary>Checks <see cref="PersistenceOptions"/> at start so a bad setting stops the silo with a clear message.</summary>
public sealed class PersistenceOptionsValidator : IValidateOptions<PersistenceOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        void Require(bool holds, string message)
        {
            if (!holds)
            {
                failures.Add($"{PersistenceOptions.SectionName}:{message}");
            }
        }

        Require(options.Preset is null || PersistencePresets.Names.Contains(options.Preset),
            $"Preset '{options.Preset}' is unknown; use one of {string.Join(", ", PersistencePresets.Names)}.");
        Require(Enum.IsDefined(options.Strategy), $"Strategy '{options.Strategy}' is unknown; use Hybrid, SnapshotOnly or EventSourced.");
        Require(options.SnapshotEveryEvents >= 1, $"SnapshotEveryEvents must be at least 1 (was {options.SnapshotEveryEvents}).");
        Require(options.SnapshotInterval > TimeSpan.Zero, $"SnapshotInterval must be positive (was {options.SnapshotInterval}).");
        Require(options.SnapshotsToKeep >= 1, $"SnapshotsToKeep must be at least 1 (was {options.SnapshotsToKeep}).");
        Require(options.CompactAfterEvents >= 1, $"CompactAfterEvents must be at least 1 (was {options.CompactAfterEvents}).");
        Require(options.FinishedSnapshotRetention is null || options.FinishedSnapshotRetention > TimeSpan.Zero,
            $"FinishedSnapshotRetention must be positive or empty (was {options.FinishedSnapshotRetention}).");
        Require(options.FinishedGameRetention is null || options.FinishedGameRetention > TimeSpan.Zero,
            $"FinishedGameRetention must be positive or empty (was {options.FinishedGameRetention}).");
        Require(options.FinishedGameRetention is null || options.FinishedSnapshotRetention is null || options.FinishedSnapshotRetention <= options.FinishedGameRetention,
            "FinishedSnapshotRetention must not exceed FinishedGameRetention.");
        Require(options.CompressionThresholdBytes >= 0, $"CompressionThresholdBytes must not be negative (was {options.CompressionThresholdBytes}).");
        Require(options.GameCacheSize >= 1, $"GameCacheSize must be at least 1 (was {options.GameCacheSize}).");
        Require(options.RecentCommandWindow >= 1, $"RecentCommandWindow must be at least 1 (was {options.RecentCommandWindow}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
