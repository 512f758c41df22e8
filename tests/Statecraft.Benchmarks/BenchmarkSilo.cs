using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Statecraft.Grains.Flags;
using Statecraft.Grains.Hosting;
using Statecraft.Grains.Lobby;
using Statecraft.Testing;

namespace Statecraft.Benchmarks;

/// <summary>The in-process silo the grain-level harnesses share: our grains as the silo host composes them, on one machine.</summary>
internal static class BenchmarkSilo
{
    /// <summary>
    /// Localhost clustering on free ports, in-memory reminders, in-memory flag and directory storage, and
    /// <c>AddStatecraftGrains</c>; the caller registers the game store.
    /// </summary>
    public static ISiloBuilder AddStatecraftOnOneMachine(this ISiloBuilder silo, IConfiguration configuration, string clusterId, string serviceId)
    {
        silo.UseLocalhostClustering(siloPort: FreePort.Next(), gatewayPort: FreePort.Next())
            .Configure<ClusterOptions>(o => { o.ClusterId = clusterId; o.ServiceId = serviceId; })
            .UseInMemoryReminderService()
            .AddMemoryGrainStorage(FeatureFlagGrain.StorageName)
            .AddMemoryGrainStorage(GameDirectoryGrain.StorageName)
            .AddStatecraftGrains(configuration);
        return silo;
    }
}
