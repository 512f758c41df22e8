namespace Statecraft.Persistence.Resilience;

/// <summary>What a silo does with commands while its game store's circuit is open.</summary>
public enum OnStoreOutage
{
    /// <summary>Refuse them at once with a typed, retryable answer; nothing is accepted that is not stored.</summary>
    FailFast,

    /// <summary>
    /// Accept them in memory only (acknowledged <c>MemoryOnly</c>, never <c>Durable</c>), up to a bounded backlog, and
    /// store a catch-up snapshot of each degraded game when the store returns.
    /// </summary>
    Degrade,
}
