using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using Statecraft.Client;

namespace Statecraft.Grains.Tests.Cluster;

/// <summary>A two-silo cluster shared by the tests of a class; tests use distinct game ids.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public StatecraftClient Client { get; private set; } = null!;

    public static async Task<TestCluster> StartAsync(int silos = 2)
    {
        var cluster = new TestClusterBuilder((short)silos)
            .AddSiloBuilderConfigurator<TestSiloConfigurator>()
            .AddClientBuilderConfigurator<TestClientConfigurator>()
            .Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public static StatecraftClient ClientFor(TestCluster cluster) =>
        new(cluster.Client, Options.Create(new StatecraftClientOptions { SubscriptionRenewal = TimeSpan.FromSeconds(1) }));

    public async ValueTask InitializeAsync()
    {
        Cluster = await StartAsync();
        Client = ClientFor(Cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
