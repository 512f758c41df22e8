using System.Collections.Immutable;
using Statecraft.Abstractions.Flags;

namespace Statecraft.LoadTest.Tests.Support;

/// <summary>A flag grain in memory that records every change it is asked for.</summary>
internal sealed class FakeFlagGrain(FlagDefinition? initial) : IFeatureFlagGrain
{
    private readonly List<FlagChange> _changes = [];
    private readonly FlagDefinition? _initial = initial;
    private FlagDefinition? _current = initial;

    /// <summary>Changes asked for, in order.</summary>
    public IReadOnlyList<FlagChange> Changes => _changes;

    /// <summary>The flag now.</summary>
    public FlagDefinition? Current => _current;

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

        _current = change switch
        {
            { Reset: true } => _initial,
            { Percentage: { } percentage } => (_current ?? new FlagDefinition { Name = change.Name }) with { Percentage = percentage },
            _ => (_current ?? new FlagDefinition { Name = change.Name }) with { Enabled = change.Enabled!.Value, Percentage = null },
        };
        return Task.FromResult(Snapshot());
    }

    public Task<IReadOnlyList<FlagAuditEntry>> GetAudit(int max) => Task.FromResult<IReadOnlyList<FlagAuditEntry>>([]);

    private FlagSnapshot Snapshot() => new()
    {
        Revision = _changes.Count,
        Flags = _current is null
            ? ImmutableSortedDictionary<string, FlagDefinition>.Empty
            : ImmutableSortedDictionary<string, FlagDefinition>.Empty.Add(_current.Name, _current),
    };
}
