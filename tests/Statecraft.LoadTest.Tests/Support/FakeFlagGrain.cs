using System.Collections.Immutable;
using Statecraft.Abstractions.Flags;

namespace Statecraft.LoadTest.Tests.Support;

/// <summary>
/// A flag grain in memory that records every change it is asked for. Like the real one, it reports every flag (the
/// configured default, on, when nothing was changed at runtime) and which flags were changed at runtime;
/// <paramref name="changedAtRuntime"/> is the runtime value the test starts from (null: at its default).
/// </summary>
internal sealed class FakeFlagGrain(FlagDefinition? changedAtRuntime) : IFeatureFlagGrain
{
    private static readonly FlagDefinition Default = new() { Name = FlagNames.UseStatePersistence, Enabled = true };

    private readonly List<FlagChange> _changes = [];
    private FlagDefinition? _changed = changedAtRuntime;

    /// <summary>Changes asked for, in order.</summary>
    public IReadOnlyList<FlagChange> Changes => _changes;

    /// <summary>The flag now, as a silo sees it.</summary>
    public FlagDefinition Current => _changed ?? Default;

    /// <summary>True when the flag holds a runtime change, false when its configured default applies.</summary>
    public bool IsChangedAtRuntime => _changed is not null;

    /// <summary>When set, changes to this value throw.</summary>
    public bool? FailSwitchingTo { get; set; }

    public Task<FlagSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public Task<FlagSnapshot> Change(FlagChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _changes.Add(change);
        if (FailSwitchingTo is { } failing && change.Enabled == failing)
        {
            throw new TimeoutException("flag grain did not answer");
        }

        _changed = change switch
        {
            { Reset: true } => null,
            { Percentage: { } percentage } => Current with { Percentage = percentage },
            _ => Current with { Enabled = change.Enabled!.Value, Percentage = null },
        };
        return Task.FromResult(Snapshot());
    }

    public Task<IReadOnlyList<FlagAuditEntry>> GetAudit(int max) => Task.FromResult<IReadOnlyList<FlagAuditEntry>>([]);

    private FlagSnapshot Snapshot() => new()
    {
        Revision = _changes.Count,
        Flags = ImmutableSortedDictionary<string, FlagDefinition>.Empty.Add(Current.Name, Current),
        ChangedAtRuntime = _changed is null ? [] : [Current.Name],
    };
}
