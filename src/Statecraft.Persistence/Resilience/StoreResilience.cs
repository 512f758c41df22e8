namespace Statecraft.Persistence.Resilience;

/// <summary>
/// Everything a game session needs to survive a store outage, shared by every game of a silo: the circuit around the
/// store, the recovery throttle and, in Degrade mode, the registry of games running in memory only.
/// </summary>
public sealed class StoreResilience : IDisposable
{
    /// <summary>Builds the silo's protection for the store named <paramref name="storeName"/>.</summary>
    public StoreResilience(string storeName, ResilienceOptions options, int writeAttempts, TimeProvider? time = null,
        Microsoft.Extensions.Logging.ILogger<StoreCircuit>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Circuit = new StoreCircuit(storeName, options, writeAttempts, time, logger);
        Throttle = new RecoveryThrottle(options.MaxConcurrentRecoveries, options.RecoveryQueueTimeout);
        Degraded = new DegradedGames(options.MaxDegradedGames);
    }

    /// <summary>The settings.</summary>
    public ResilienceOptions Options { get; }

    /// <summary>The breaker and per-call timeout.</summary>
    public StoreCircuit Circuit { get; }

    /// <summary>The limit on concurrent loads.</summary>
    public RecoveryThrottle Throttle { get; }

    /// <summary>Games in memory only (Degrade mode).</summary>
    public DegradedGames Degraded { get; }

    /// <summary>True when commands may be accepted in memory only while the circuit is open.</summary>
    public bool CanDegrade => Options.OnStoreOutage == OnStoreOutage.Degrade;

    /// <summary>Releases the throttle and unregisters the metrics.</summary>
    public void Dispose()
    {
        Circuit.Dispose();
        Throttle.Dispose();
        Degraded.Dispose();
    }
}
