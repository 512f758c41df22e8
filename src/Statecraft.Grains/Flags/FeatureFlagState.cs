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
    /// <remarks>
    /// Kept in ordinal order whatever a serializer hands back (System.Text.Json builds immutable dictionaries with the
    /// default comparer), so flag names compare the same way in every process.
    /// </remarks>
    [Id(1)]
    public ImmutableSortedDictionary<string, FlagDefinition> Changed
    {
        get;
        set => field = value is null || value.IsEmpty ? Empty : ReferenceEquals(value.KeyComparer, StringComparer.Ordinal) ? value : value.WithComparers(StringComparer.Ordinal);
    } = Empty;

    /// <summary>The newest changes, oldest first.</summary>
    [Id(2)] public List<FlagAuditEntry> Audit { get; set; } = [];

    private static ImmutableSortedDictionary<string, FlagDefinition> Empty { get; } = ImmutableSortedDictionary.Create<string, FlagDefinition>(StringComparer.Ordinal);
}
