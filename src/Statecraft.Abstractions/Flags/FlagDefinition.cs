using System.Collections.Immutable;
using System.IO.Hashing;
using System.Text;

namespace Statecraft.Abstractions.Flags;

/// <summary>
/// One flag: on or off for everyone, or on for a <see cref="Percentage"/> of games (chosen by a stable hash of the game
/// id, so a game stays in or out as the percentage is raised), with per-game overrides that win over both.
/// </summary>
[GenerateSerializer, Immutable, Alias("statecraft.FlagDefinition")]
public sealed record FlagDefinition
{
    /// <summary>The flag's name.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>On or off for all games (when <see cref="Percentage"/> is null).</summary>
    [Id(1)] public bool Enabled { get; init; }

    /// <summary>On for this share of games, 0–100; null to use <see cref="Enabled"/>.</summary>
    [Id(2)] public int? Percentage { get; init; }

    /// <summary>Per-game values that win over everything else.</summary>
    /// <remarks>Kept in ordinal order whatever a serializer hands back, so game ids compare the same way everywhere.</remarks>
    [Id(3)]
    public ImmutableSortedDictionary<string, bool> GameOverrides
    {
        get;
        init => field = Ordinal(value);
    } = NoOverrides;

    private static ImmutableSortedDictionary<string, bool> NoOverrides { get; } = ImmutableSortedDictionary.Create<string, bool>(StringComparer.Ordinal);

    /// <summary>Compares every field, the overrides by content (the dictionary alone would compare by reference).</summary>
    public bool Equals(FlagDefinition? other) =>
        other is not null && Name == other.Name && Enabled == other.Enabled && Percentage == other.Percentage
        && GameOverrides.Count == other.GameOverrides.Count
        && GameOverrides.All(pair => other.GameOverrides.TryGetValue(pair.Key, out var value) && value == pair.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Enabled, Percentage, GameOverrides.Count);

    /// <summary>Whether the flag is on for <paramref name="gameId"/> (null: the flag's global value).</summary>
    public bool IsEnabledFor(string? gameId)
    {
        if (gameId is not null && GameOverrides.TryGetValue(gameId, out var overridden))
        {
            return overridden;
        }

        return Percentage is { } percentage && gameId is not null ? Bucket(Name, gameId) < percentage : Enabled;
    }

    /// <summary>The game's bucket (0–99) for this flag: stable across processes and releases.</summary>
    public static int Bucket(string flag, string gameId) =>
        (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes($"{flag}:{gameId}")) % 100);

    /// <summary>A short description, for audit logs: <c>on</c>, <c>off</c>, <c>25%</c>, plus override counts.</summary>
    public string Describe() =>
        (Percentage is { } p ? $"{p}%" : Enabled ? "on" : "off") + (GameOverrides.Count > 0 ? $" (+{GameOverrides.Count} game overrides)" : string.Empty);

    private static ImmutableSortedDictionary<string, bool> Ordinal(ImmutableSortedDictionary<string, bool>? overrides) =>
        overrides is null || overrides.IsEmpty ? NoOverrides
        : ReferenceEquals(overrides.KeyComparer, StringComparer.Ordinal) ? overrides
        : overrides.WithComparers(StringComparer.Ordinal);
}
