using Microsoft.Extensions.Diagnostics.HealthChecks;
using Statecraft.Grains.Flags;
using Statecraft.Persistence.Stores;

namespace Statecraft.Silo.Health;

/// <summary>Ready means: the silo is an active cluster member, the game store answers, and the feature flags are loaded.</summary>
internal sealed class ReadinessCheck(ISiloStatusOracle membership, IGameStoreHealth store, FeatureFlagCache flags) : IHealthCheck
{
    public const string Tag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (membership.CurrentStatus != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"The silo is {membership.CurrentStatus}, not Active.");
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
            ? HealthCheckResult.Healthy($"Active; {store.Name} store reachable; flags at revision {flags.Current.Revision}.")
            : HealthCheckResult.Unhealthy("Feature flags have not been loaded yet.");
    }
}
