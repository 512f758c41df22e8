using System.Collections.Immutable;

namespace Statecraft.Abstractions.Games;

/// <summary>
/// Options chosen when a game is created. <see cref="Settings"/> holds ruleset-specific settings as text
/// (for example <c>hook=false</c> or <c>handSizes=5,4,3</c>); the ruleset validates them and rejects unknown keys.
/// </summary>
[GenerateSerializer, Immutable, Alias("statecraft.GameOptions")]
public sealed record GameOptions
{
    /// <summary>Options with no turn timer and the ruleset's default settings.</summary>
    public static readonly GameOptions Default = new();

    /// <summary>How long a player may take for a turn before the cluster plays the default move for them; null for no timer.</summary>
    [Id(0)] public TimeSpan? TurnTimeout { get; init; }

    /// <summary>Ruleset-specific settings; keys are case-sensitive.</summary>
    [Id(1)] public ImmutableSortedDictionary<string, string> Settings { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Compares the timeout and every setting (the dictionary alone would compare by reference).</summary>
    public bool Equals(GameOptions? other) =>
        other is not null && TurnTimeout == other.TurnTimeout
        && (ReferenceEquals(Settings, other.Settings) || (Settings.Count == other.Settings.Count && Settings.All(pair => other.Settings.TryGetValue(pair.Key, out var value) && value == pair.Value)));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TurnTimeout, Settings.Count);

    /// <summary>Options with the given settings.</summary>
    public static GameOptions With(params ReadOnlySpan<(string Key, string Value)> settings)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in settings)
        {
            builder[key] = value;
        }

        return new GameOptions { Settings = builder.ToImmutable() };
    }
}
