namespace Statecraft.Engine.Core;

/// <summary>A broken state invariant: a stable rule name and a description of what was found.</summary>
public sealed record InvariantViolation(string Rule, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{Rule}: {Detail}";
}
