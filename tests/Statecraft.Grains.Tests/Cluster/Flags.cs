using Orleans.TestingHost;
using Statecraft.Abstractions.Flags;
using Statecraft.Grains.Flags;
using Statecraft.Grains.Tests.Games;

namespace Statecraft.Grains.Tests.Cluster;

/// <summary>Changes flags through the flag grain and waits until every silo's cache shows the change.</summary>
internal static class Flags
{
    public static async Task SetAsync(TestCluster cluster, string flag, bool enabled, string? gameId = null)
    {
        var snapshot = await cluster.GrainFactory.GetGrain<IFeatureFlagGrain>(IFeatureFlagGrain.Key).Change(new FlagChange
        {
            Name = flag,
            Enabled = enabled,
            GameId = gameId,
            ChangedBy = "tests",
            Reason = $"test sets {flag}={enabled}",
        });
        await GameGrainTests.WaitUntilAsync(
            () => cluster.Silos.All(silo => CacheOf(silo).Current.Revision >= snapshot.Revision),
            TimeSpan.FromSeconds(2));
    }

    public static FeatureFlagCache CacheOf(SiloHandle silo) =>
        (FeatureFlagCache)((InProcessSiloHandle)silo).SiloHost.Services.GetService(typeof(FeatureFlagCache))!;
}
