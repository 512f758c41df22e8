namespace Statecraft.Abstractions.Games;

/// <summary>A command the rules refused: a stable <see cref="Code"/> for programs and a readable message for people.</summary>
[GenerateSerializer, Immutable, Alias("statecraft.Rejection")]
public sealed record Rejection([property: Id(0)] RejectionCode Code, [property: Id(1)] string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}
