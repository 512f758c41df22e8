namespace Statecraft.Grains.Games;

/// <summary>What happened to the last batch the journal tried to store.</summary>
internal enum WriteOutcome
{
    /// <summary>Stored.</summary>
    Durable,

    /// <summary>Persistence is off; applied in memory only.</summary>
    MemoryOnly,

    /// <summary>The store was at another version; not applied.</summary>
    Conflict,

    /// <summary>The store failed; not applied.</summary>
    Failed,
}
