namespace Statecraft.Abstractions.Flags;

/// <summary>
/// A requested change to one flag: exactly one of <see cref="Enabled"/>, <see cref="Percentage"/>, a per-game override
/// (<see cref="GameId"/> with <see cref="Enabled"/>, or with <see cref="ClearGameOverride"/>) or <see cref="Reset"/>.
/// Who and why are mandatory: every change is audited.
/// </summary>
[GenerateSerializer, Immutable, Alias("statecraft.FlagChange")]
public sealed record FlagChange
{
    /// <summary>The flag's name (letters, digits, '.', '-', '_'; at most 64 characters).</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>The new on/off value (global, or for <see cref="GameId"/>).</summary>
    [Id(1)] public bool? Enabled { get; init; }

    /// <summary>The new rollout percentage (0–100); clears <see cref="Enabled"/> as the global rule.</summary>
    [Id(2)] public int? Percentage { get; init; }

    /// <summary>When set, the change is an override for this game only.</summary>
    [Id(3)] public string? GameId { get; init; }

    /// <summary>Removes the override for <see cref="GameId"/>.</summary>
    [Id(4)] public bool ClearGameOverride { get; init; }

    /// <summary>Forgets every runtime change to the flag: it falls back to its configured default (environment or settings).</summary>
    [Id(7)] public bool Reset { get; init; }

    /// <summary>Who made the change.</summary>
    [Id(5)] public required string ChangedBy { get; init; }

    /// <summary>Why.</summary>
    [Id(6)] public required string Reason { get; init; }
}
