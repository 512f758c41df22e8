namespace Statecraft.Abstractions.Flags;

/// <summary>One recorded flag change: who, when, why, and the flag's value before and after.</summary>
[GenerateSerializer, Immutable, Alias("statecraft.FlagAuditEntry")]
public sealed record FlagAuditEntry(
    [property: Id(0)] long Revision,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Flag,
    [property: Id(3)] string ChangedBy,
    [property: Id(4)] string Reason,
    [property: Id(5)] string Before,
    [property: Id(6)] string After);
