using Microsoft.Extensions.Diagnostics.HealthChecks;
using Statecraft.Grains.Flags;
using Statecraft.Persistence.Resilience;
using Statecraft.Persistence.Stores;

namespace Statecraft.Silo.Health;

/// <summary>
/// Ready means: the silo is an active cluster member, the game store answers and its circuit is closed, and the
/// feature flags are loaded. A silo whose store is out is not ready (new work should go elsewhere) but it is alive:
/// liveness never looks at the store, so Kubernetes does not restart silos in a loop during a store outage, and the
/// silo keeps serving reads (and, in Degrade mode, commands) from memory.
/// </summary>
internal sealed class ReadinessCheck(ISiloStatusOracle membership, IGameStoreHealth store, StoreResilience resilience, FeatureFlagCache flags) : IHealthCheck
{
    public const string Tag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (membership.CurrentStatus != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"The silo is {membership.CurrentStatus}, not Active.");
        }

        var circuit = resilience.Circuit;
        if (circuit.State != Polly.CircuitBreaker.CircuitState.Closed)
        {
            // Half-open counts as out: one trial call is testing the store, every other call is still refused.
            var commands = resilience.CanDegrade
                ? $"commands are accepted in memory only ({resilience.Degraded.Count} degraded games)"
                : "commands are refused";
            return HealthCheckResult.Unhealthy($"The {store.Name} game store's circuit breaker is {circuit.State.ToString().ToLowerInvariant()}: {commands} until the store answers again.",
                data: new Dictionary<string, object> { ["circuit"] = circuit.State.ToString() });
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await store.PingAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The {store.Name} game store does not answer.", exception);
        }

        return flags.IsLoaded
            ? HealthCheckResult.Healthy($"Active; {store.Name} store reachable, circuit {circuit.State.ToString().ToLowerInvariant()}; flags at revision {flags.Current.Revision}.")
            : HealthCheckResult.Unhealthy("Feature flags have not been loaded yet.");
    }
}
