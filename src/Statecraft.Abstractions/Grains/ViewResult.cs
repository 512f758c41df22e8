using Statecraft.Abstractions.Games;

namespace Statecraft.Abstractions.Grains;

/// <summary>
/// A view request's answer. When the caller passed the version it already has and the game has not moved,
/// <see cref="View"/> is null and <see cref="Version"/> confirms the caller is current (a cheap resync check).
/// Views are whole: events carry hidden information, so no per-event diffs are sent to players.
/// </summary>
[GenerateSerializer, Immutable, Alias("statecraft.ViewResult")]
public sealed record ViewResult([property: Id(0)] long Version, [property: Id(1)] GameView? View)
{
    /// <summary>True when the caller's version is current.</summary>
    public bool NotModified => View is null;
}
