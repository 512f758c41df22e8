namespace Statecraft.Persistence.Resilience;

/// <summary>
/// How a silo protects itself and its game store from each other during an outage, bound from
/// <c>Statecraft:Resilience</c>: a per-call timeout, one circuit breaker per silo, the outage mode and its backlog, and
/// a limit on concurrent recoveries.
/// </summary>
public sealed class ResilienceOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Statecraft:Resilience";

    /// <summary>
    /// The longest one store call of the game path (load, commit, final snapshot) may take before it counts as failed.
    /// Shorter than every store client's own timeout, so a frozen store is noticed in about this long.
    /// </summary>
    public TimeSpan StoreCallTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The share of failed calls within <see cref="SamplingDuration"/> that opens the circuit (0 to 1].</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>How many calls the sampling window must hold before the ratio can open the circuit.</summary>
    public int MinimumThroughput { get; set; } = 3;

    /// <summary>
    /// The window over which the failure ratio is measured. Short on purpose: the successes of the seconds before an
    /// outage stay in the window and dilute the ratio, so a long window delays the opening by about its own length.
    /// </summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the circuit stays open before one trial call (half-open) tests the store again.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>What commands get while the circuit is open: <see cref="Resilience.OnStoreOutage.FailFast"/> (default) or <see cref="Resilience.OnStoreOutage.Degrade"/>.</summary>
    public OnStoreOutage OnStoreOutage { get; set; } = OnStoreOutage.FailFast;

    /// <summary>In <see cref="Resilience.OnStoreOutage.Degrade"/> mode: how many games of this silo may run in memory only at once.</summary>
    public int MaxDegradedGames { get; set; } = 10_000;

    /// <summary>In <see cref="Resilience.OnStoreOutage.Degrade"/> mode: how many unstored events one game may accumulate.</summary>
    public int MaxDegradedEventsPerGame { get; set; } = 1_000;

    /// <summary>How often a degraded game nobody touches tries to store its catch-up snapshot.</summary>
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many games this silo loads from the store at once; more wait their turn, so a failover or a restart does not
    /// stampede the store (Akka.Persistence's <c>max-concurrent-recoveries</c>).
    /// </summary>
    public int MaxConcurrentRecoveries { get; set; } = 32;

    /// <summary>How long an activation waits for a recovery slot before it is refused (retryable).</summary>
    public TimeSpan RecoveryQueueTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
