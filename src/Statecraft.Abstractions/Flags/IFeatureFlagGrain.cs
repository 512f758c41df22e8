namespace Statecraft.Abstractions.Flags;

/// <summary>
/// The cluster's feature flags: a single grain (key <see cref="Key"/>) whose state is persisted and whose changes are
/// audited. Silos poll <see cref="GetSnapshot"/> and cache it, so game grains never call this grain per command.
/// </summary>
[Alias("statecraft.IFeatureFlagGrain")]
public interface IFeatureFlagGrain : IGrainWithStringKey
{
    /// <summary>The key of the cluster-wide instance.</summary>
    const string Key = "cluster";

    /// <summary>Every flag and the current revision.</summary>
    [Alias("GetSnapshot")]
    Task<FlagSnapshot> GetSnapshot();

    /// <summary>Applies and audits a change; throws <see cref="InvalidFlagChangeException"/> for a bad one (nothing changes).</summary>
    [Alias("Change")]
    Task<FlagSnapshot> Change(FlagChange change);

    /// <summary>The newest audit entries, newest first.</summary>
    [Alias("GetAudit")]
    Task<IReadOnlyList<FlagAuditEntry>> GetAudit(int max);
}
