using System.Collections.Immutable;

namespace Statecraft.Abstractions.Flags;

/// <summary>Every flag at one revision. Silos cache it; the revision tells them whether anything changed.</summary>
[GenerateSerializer, Immutable, Alias("statecraft.FlagSnapshot")]
public sealed record FlagSnapshot
{
    /// <summary>An empty snapshot (every flag off).</summary>
    public static FlagSnapshot Empty { get; } = new();

    /// <summary>Increases with every change.</summary>
    [Id(0)] public long Revision { get; init; }

    /// <summary>Flags by name.</summary>
    [Id(1)] public ImmutableSortedDictionary<string, FlagDefinition> Flags { get; init; } = ImmutableSortedDictionary<string, FlagDefinition>.Empty;

    /// <summary>
    /// The flags an operator changed at runtime; every other flag has its configured default (environment variables
    /// included), and a <see cref="FlagChange.Reset"/> puts a flag back in that state.
    /// </summary>
    [Id(2)] public ImmutableSortedSet<string> ChangedAtRuntime { get; init; } = ImmutableSortedSet<string>.Empty;

    /// <summary>True when <paramref name="flag"/> was changed at runtime rather than taking its configured default.</summary>
    public bool IsChangedAtRuntime(string flag) => ChangedAtRuntime.Contains(flag);

    /// <summary>Whether <paramref name="flag"/> is on for <paramref name="gameId"/>; unknown flags are off.</summary>
    public bool IsEnabled(string flag, string? gameId = null) => Flags.TryGetValue(flag, out var definition) && definition.IsEnabledFor(gameId);
}
