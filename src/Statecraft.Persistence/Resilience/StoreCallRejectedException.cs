namespace Statecraft.Persistence.Resilience;

/// <summary>Why a store call was refused without reaching the store.</summary>
public enum StoreRejection
{
    /// <summary>The circuit is open: the store failed too often just now.</summary>
    CircuitOpen,

    /// <summary>Too many games were loading at once and this one waited too long for its turn.</summary>
    RecoveryQueueFull,

    /// <summary>Degrade mode could take no more: too many degraded games, or this game holds too many unstored events.</summary>
    DegradedBacklogFull,
}

/// <summary>A store call refused by the silo's own protection (nothing reached the store, nothing changed); retry later.</summary>
public sealed class StoreCallRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreCallRejectedException(StoreRejection reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Creates the exception.</summary>
    public StoreCallRejectedException()
        : this(StoreRejection.CircuitOpen, "The store call was refused.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoreCallRejectedException(string message)
        : this(StoreRejection.CircuitOpen, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoreCallRejectedException(string message, Exception innerException)
        : this(StoreRejection.CircuitOpen, message, innerException)
    {
    }

    /// <summary>Why.</summary>
    public StoreRejection Reason { get; }
}
