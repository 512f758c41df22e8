using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Statecraft.Persistence.Resilience;

namespace Statecraft.Persistence.Telemetry;

/// <summary>
/// Instruments of the outage protection on the shared Statecraft meter. The circuits and degraded-game registries of a
/// process report through one observable gauge each (several silos may share a test process; per store the worst
/// circuit state and the sum of degraded games are reported).
/// </summary>
public static class ResilienceMetrics
{
    private static readonly ConcurrentDictionary<StoreCircuit, byte> Circuits = new();
    private static readonly ConcurrentDictionary<DegradedGames, byte> DegradedRegistries = new();

    private static Meter Meter => StatecraftMeter.Instance;

    /// <summary>Circuit transitions, by store and the state entered (closed, half_open, open).</summary>
    public static readonly Counter<long> CircuitTransitions = Meter.CreateCounter<long>(
        "statecraft.circuit_breaker.transitions", description: "Game store circuit breaker transitions, by store and state entered.");

    /// <summary>Store calls the silo refused or abandoned, by reason (circuit_open, timeout, recovery_queue_full, degraded_backlog_full).</summary>
    public static readonly Counter<long> CallsRejected = Meter.CreateCounter<long>(
        "statecraft.store.calls_rejected", description: "Game store calls refused or abandoned by the silo's outage protection, by reason.");

    /// <summary>Activations waiting for a recovery slot.</summary>
    public static readonly UpDownCounter<long> RecoveriesQueued = Meter.CreateUpDownCounter<long>(
        "statecraft.recoveries.queued", description: "Game activations waiting for a recovery slot.");

    // Created with the class's other statics, on the first Register; the meter keeps observable instruments alive.
    private static readonly ObservableGauge<int> CircuitState = Meter.CreateObservableGauge(
        "statecraft.circuit_breaker.state", ObserveCircuits, description: "Game store circuit breaker state: 0 closed, 1 half-open, 2 open.");

    private static readonly ObservableGauge<int> Degraded = Meter.CreateObservableGauge(
        "statecraft.degraded_games", ObserveDegraded, description: "Games running in memory only because the store is out (Degrade mode).");

    internal static void Register(StoreCircuit circuit) => Circuits.TryAdd(circuit, 0);

    internal static void Unregister(StoreCircuit circuit) => Circuits.TryRemove(circuit, out _);

    internal static void Register(DegradedGames games) => DegradedRegistries.TryAdd(games, 0);

    internal static void Unregister(DegradedGames games) => DegradedRegistries.TryRemove(games, out _);

    internal static void Rejected(StoreRejection reason) => CallsRejected.Add(1, new KeyValuePair<string, object?>("reason", ReasonTag(reason)));

    internal static void TimedOut() => CallsRejected.Add(1, new KeyValuePair<string, object?>("reason", "timeout"));

    private static string ReasonTag(StoreRejection reason) => reason switch
    {
        StoreRejection.CircuitOpen => "circuit_open",
        StoreRejection.RecoveryQueueFull => "recovery_queue_full",
        _ => "degraded_backlog_full",
    };

    private static IEnumerable<Measurement<int>> ObserveCircuits() =>
        Circuits.Keys
            .GroupBy(c => c.StoreName, StringComparer.Ordinal)
            .Select(g => new Measurement<int>(g.Max(c => c.StateCode), new KeyValuePair<string, object?>("store", g.Key)));

    private static IEnumerable<Measurement<int>> ObserveDegraded()
    {
        // The gauge exists before any registry does; report zero rather than no series, so alerts see the metric.
        yield return new Measurement<int>(DegradedRegistries.Keys.Sum(d => d.Count));
    }
}
