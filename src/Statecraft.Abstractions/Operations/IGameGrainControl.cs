namespace Statecraft.Abstractions.Operations;

/// <summary>Operators' controls of a game grain (the silo's cache eviction and the <c>statecraft</c> tool; not for frontends).</summary>
[Alias("statecraft.IGameGrainControl")]
public interface IGameGrainControl : IGrainWithStringKey
{
    /// <summary>
    /// Deactivates the game when idle; it writes its final snapshot first, and the next call loads it from the store.
    /// A game holding changes only memory has (Degrade mode during a store outage) is not evicted.
    /// </summary>
    [Alias("Evict")]
    Task Evict();
}
