using Statecraft.Engine.Core;

namespace Statecraft.Grains.Games;

/// <summary>
/// The journaled grain's view: a holder for the immutable <see cref="GameState"/>. Orleans' log-consistency adaptor
/// mutates its view in place, so the holder is mutable while the state inside never is.
/// </summary>
[GenerateSerializer]
[Alias("statecraft.GameJournalState")]
public sealed class GameJournalState
{
    /// <summary>The game's state; the empty state until the grain has been created or recovered.</summary>
    [Id(0)]
    public GameState Game { get; set; } = GameState.Empty(string.Empty);
}
