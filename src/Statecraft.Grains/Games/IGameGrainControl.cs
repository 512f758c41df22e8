namespace Statecraft.Grains.Games;

/// <summary>Silo-internal controls of a game grain (not part of the frontend contract).</summary>
[Alias("statecraft.IGameGrainControl")]
internal interface IGameGrainControl : IGrainWithStringKey
{
    /// <summary>Deactivates the game when idle (cache eviction); it writes its final snapshot first.</summary>
    [Alias("Evict")]
    Task Evict();
}
