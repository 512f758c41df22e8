using Microsoft.Extensions.Configuration;
using Statecraft.Client;
using Statecraft.Testing;

namespace Statecraft.Deploy.Tests;

/// <summary>Silo containers sharing one Redis (membership and storage), and a client that finds them there.</summary>
internal sealed class ContainerCluster : IAsyncDisposable
{
    private ContainerCluster(RedisServer redis, string clusterId)
    {
        Redis = redis;
        ClusterId = clusterId;
    }

    public RedisServer Redis { get; }

    public string ClusterId { get; }

    /// <summary>Every container started, replaced ones included; all are removed on disposal.</summary>
    public List<SiloContainer> Containers { get; } = [];

    /// <summary>The environment of a Redis-clustered silo with Redis storage in this cluster.</summary>
    public Dictionary<string, string> RedisEnvironment => new()
    {
        ["Statecraft__Clustering"] = "Redis",
        ["Statecraft__Storage"] = "Redis",
        ["Statecraft__Redis__ConnectionString"] = Redis.ConnectionString,
        ["Statecraft__Cluster__ClusterId"] = ClusterId,
        ["Statecraft__Cluster__AdvertisedAddress"] = "127.0.0.1",
    };

    public static async Task<ContainerCluster> StartRedisAsync(string name, CancellationToken cancellationToken) =>
        new(await RedisServer.StartAsync(cancellationToken), $"{name}-{Guid.NewGuid():N}"[..24]);

    /// <summary>Starts a container (kept in <see cref="Containers"/>) and waits until it is ready.</summary>
    public async Task<SiloContainer> AddAsync(IReadOnlyDictionary<string, string> environment, bool managementPort = false)
    {
        var container = await SiloContainer.StartAsync(environment: environment, managementPort: managementPort);
        Containers.Add(container);
        await container.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        return container;
    }

    /// <summary>A client reading the gateways from the membership table in Redis.</summary>
    public Task<StatecraftConnection> ConnectAsync(CancellationToken cancellationToken) =>
        StatecraftConnection.ConnectAsync(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Statecraft:Client:Clustering"] = "Redis",
                ["Statecraft:Client:RedisConnectionString"] = Redis.ConnectionString,
                ["Statecraft:Client:ClusterId"] = ClusterId,
            }).Build(),
            TimeSpan.FromSeconds(30), Microsoft.Extensions.Logging.LogLevel.None, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var container in Containers)
        {
            await container.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }
}
