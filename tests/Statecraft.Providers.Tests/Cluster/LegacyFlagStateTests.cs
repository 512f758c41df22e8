using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Statecraft.Grains.Flags;

namespace Statecraft.Providers.Tests.Cluster;

/// <summary>
/// Flag state written by earlier releases with the silo's default grain-storage serializer (Newtonsoft with type and
/// reference metadata) could be written but not read back, so a restarted silo never loaded its flags. The serializer
/// the silo now uses for flags reads such records, so an upgraded cluster recovers the flags it had.
/// </summary>
public sealed class LegacyFlagStateTests
{
    [Fact]
    public async Task State_written_by_the_default_serializer_is_read_by_the_flag_serializer()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = new TestClusterBuilder(1);
        var cluster = builder.Build();
        await cluster.DeployAsync(ct);
        try
        {
            var silo = Assert.IsType<InProcessSiloHandle>(cluster.Primary);
            var legacy = silo.SiloHost.Services.GetRequiredService<IGrainStorageSerializer>();
            var written = FlagStates.Rich();

            var stored = legacy.Serialize(written);

            // The defect: the silo's default serializer cannot read back what it wrote for this state.
            Assert.ThrowsAny<Exception>(() => legacy.Deserialize<FeatureFlagState>(stored));
            FlagStates.AssertEqual(written, new FlagStateSerializer().Deserialize<FeatureFlagState>(stored));
        }
        finally
        {
            await cluster.StopAllSilosAsync(ct);
            await cluster.DisposeAsync();
        }
    }
}
