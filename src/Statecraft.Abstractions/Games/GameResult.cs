using System.Collections.Immutable;

namespace Statecraft.Abstractions.Games;

/// <summary>How a finished game ended.</summary>
[GenerateSerializer, Immutable, Alias("statecraft.GameResult")]
public sealed record GameResult
{
    /// <summary>The winning players; several on a shared win, empty on a draw or an abandoned game.</summary>
    [Id(0)] public ImmutableArray<string> Winners { get; init; } = [];

    /// <summary>Final score per seat, in seat order; empty for games without scores.</summary>
    [Id(1)] public ImmutableArray<int> Scores { get; init; } = [];

    /// <summary>A short machine-readable reason such as <c>three-in-a-row</c>, <c>board-full</c>, <c>final-round</c> or <c>abandoned</c>.</summary>
    [Id(2)] public string Reason { get; init; } = string.Empty;

    /// <summary>True when nobody won.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsDraw => Winners.IsDefaultOrEmpty;

    /// <summary>Compares winners and scores element by element (arrays alone would compare by reference).</summary>
    public bool Equals(GameResult? other) =>
        other is not null && Reason == other.Reason
        && Winners.AsSpan().SequenceEqual(other.Winners.AsSpan()) && Scores.AsSpan().SequenceEqual(other.Scores.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Reason, Winners.IsDefaultOrEmpty ? 0 : Winners.Length, Scores.IsDefaultOrEmpty ? 0 : Scores.Length);
}
