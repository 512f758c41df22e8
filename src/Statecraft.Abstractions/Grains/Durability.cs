namespace Statecraft.Abstractions.Grains;

/// <summary>Where an accepted command's effects live when it is acknowledged.</summary>
public enum Durability
{
    /// <summary>The events are in durable storage.</summary>
    Durable = 0,

    /// <summary>Persistence is switched off: the effects live only in the game's memory and are lost if its silo dies.</summary>
    MemoryOnly = 1,
}
