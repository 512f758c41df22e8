using System.Collections.Immutable;
using Statecraft.Abstractions.Flags;

namespace Statecraft.Grains.Flags;

/// <summary>The flag grain's persisted state: flags changed at runtime (others use their defaults) and the audit trail.</summary>
[GenerateSerializer]
[Alias("statecraft.FeatureFlagState")]
public sealed class FeatureFlagState
{
    /// <summary>Increases with every change.</summary>
    [Id(0)] public long Revision { get; set; }

    /// <summary>Flags set at runtime, by name.</summary>
    [Id(1)] public ImmutableSortedDictionary<string, FlagDefinition> Changed { get; set; } = ImmutableSortedDictionary<string, FlagDefinition>.Empty;

    /// <summary>The newest changes, oldest first.</summary>
    [Id(2)] public List<FlagAuditEntry> Audit { get; set; } = [];
}
