using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Statecraft.Persistence.Redis;
using Statecraft.Persistence.Stores;

namespace Statecraft.Benchmarks.Recovery;

/// <summary>
/// A freshly started in-process silo hosting the real game grain on our Redis game store, composed as the silo host
/// composes it (the store from <c>Statecraft:Redis</c>, the grains and every option at its default), with in-memory
/// reminders and flag and directory storage, localhost clustering on free ports. Only the cache size is raised, so
/// every recovered game stays active (and the recovery queue's timeout changes when asked). No game is active when it starts: what a silo restart looks like to the store.
/// </summary>
internal sealed class StormSilo(IHost host, RedisRoundTrips roundTrips) : IAsyncDisposable
{
    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The store calls the silo made, counted where the game path reaches the store.</summary>
    public CountingGameStore Store => host.Services.GetRequiredService<CountingGameStore>();

    /// <summary>The requests the silo's Redis connection sent.</summary>
    public RedisRoundTrips RoundTrips => roundTrips;

    public static async Task<StormSilo> StartAsync(string redis, string keyPrefix, int gameCacheSize, TimeSpan? recoveryQueueTimeout)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Statecraft:Redis:ConnectionString"] = redis,
            ["Statecraft:Redis:KeyPrefix"] = keyPrefix,
            // Above the games the run activates, so the evictor never deactivates one mid-measurement.
            ["Statecraft:Persistence:GameCacheSize"] = gameCacheSize.ToString(CultureInfo.InvariantCulture),
        };
        if (recoveryQueueTimeout is { } timeout)
        {
            settings["Statecraft:Resilience:RecoveryQueueTimeout"] = timeout.ToString("c", CultureInfo.InvariantCulture);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.Services.AddRedisGameStore(configuration);
            CountingGameStore.Decorate(silo.Services);
            silo.AddStatecraftOnOneMachine(configuration, "storm", keyPrefix);
        });
        var host = builder.Build();
        var roundTrips = new RedisRoundTrips(host.Services.GetRequiredKeyedService<IConnectionMultiplexer>(RedisStoreOptions.ConnectionServiceKey));
        // What the silo host's store initializer does before Orleans starts: connect and load the scripts.
        await host.Services.GetRequiredService<IGameStoreHealth>().InitializeAsync();
        await host.StartAsync();
        return new StormSilo(host, roundTrips);
    }

    /// <summary>
    /// Stops the silo the way a crash would, without deactivating its games: a graceful stop would write every recovered
    /// game's final snapshot (an already-cancelled token is Orleans' signal for an ungraceful stop).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await host.StopAsync(new CancellationToken(canceled: true));
        }
        catch (OperationCanceledException)
        {
            // Expected: the stop was asked to be immediate.
        }

        host.Dispose();
    }
}
