using Microsoft.Extensions.Configuration;
using Statecraft.Client;
using Statecraft.Testing;

namespace Statecraft.Cli.Tests.Drills;

/// <summary>
/// What the runbook's drills run against: two silo processes clustered through a real <c>redis-server</c> that is also
/// their game store, and an Orleans client of them. The CLI reaches them as an operator would, through
/// <see cref="Cluster"/> and <see cref="Store"/> (the runbook's <c>$STATECRAFT_CLUSTER</c> and <c>$STATECRAFT_STORE</c>).
/// </summary>
internal sealed class DrillCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos;
    private readonly StatecraftConnection _connection;

    private DrillCluster(RedisServer redis, string clusterId, List<SiloProcess> silos, StatecraftConnection connection)
    {
        Redis = redis;
        _silos = silos;
        _connection = connection;
        Cluster = $"redis://{redis.ConnectionString}?clusterId={clusterId}";
        Store = $"redis://{redis.ConnectionString}";
    }

    public RedisServer Redis { get; }

    public string Cluster { get; }

    public string Store { get; }

    public StatecraftClient Client => _connection.Client;

    public static async Task<DrillCluster> StartAsync(CancellationToken cancellationToken)
    {
        var redis = await RedisServer.StartAsync(cancellationToken);
        var clusterId = $"drill-{Guid.NewGuid():N}"[..18];
        var arguments = ClusterArguments.OnRedis(redis, clusterId);
        var silos = new List<SiloProcess>();
        try
        {
            silos.Add(SiloProcess.Start(typeof(global::Program).Assembly.Location, arguments));
            silos.Add(SiloProcess.Start(typeof(global::Program).Assembly.Location, arguments));
            using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) })
            {
                await Task.WhenAll(silos.Select(silo => silo.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120), cancellationToken)));
            }

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(ClusterAddress.Parse($"redis://{redis.ConnectionString}?clusterId={clusterId}").Settings).Build();
            var connection = await StatecraftConnection.ConnectAsync(configuration, TimeSpan.FromSeconds(30), Microsoft.Extensions.Logging.LogLevel.None, cancellationToken);
            return new DrillCluster(redis, clusterId, silos, connection);
        }
        catch
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }

            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs one runbook step with the cluster and store an operator's environment would give it.</summary>
    public Task<CliRun> RunAsync(string[] step) => CliRun.RunAsync([.. step, "--cluster", Cluster, "--store", Store]);

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }
}
