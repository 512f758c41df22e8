namespace Statecraft.Abstractions.Games;

/// <summary>
/// A ruleset-specific move as it travels between frontends and the cluster: a kind (for example <c>place</c>,
/// <c>bid</c>, <c>play</c>) and an optional payload whose format the ruleset defines (for example <c>4</c> or
/// <c>QH</c>). Keeping the wire shape generic lets a frontend relay moves from browsers without knowing every ruleset.
/// </summary>
[GenerateSerializer, Immutable, Alias("statecraft.Move")]
public sealed record Move([property: Id(0)] string Kind, [property: Id(1)] string? Payload = null)
{
    /// <inheritdoc />
    public override string ToString() => Payload is null ? Kind : $"{Kind} {Payload}";
}
