using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Statecraft.Persistence;
using Statecraft.Persistence.Redis;
using Statecraft.Persistence.Sqlite;

namespace Statecraft.Benchmarks.Peers;

/// <summary>
/// One in-process silo hosting our <c>GameGrain</c> (wired as the real silo wires it, on the store under test) and the
/// peer grains (Orleans' Redis grain storage, StateStorage and LogStorage), so every grain is called the same way.
/// </summary>
internal sealed class PeerSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private PeerSilo(IHost host, BeforeAfterStore store)
    {
        _host = host;
        Store = store;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Our store, with the levers switchable back to how they were.</summary>
    public BeforeAfterStore Store { get; }

    /// <summary>Starts the silo; without <paramref name="redisEndpoint"/> only our grain is hosted (the peers need Redis).</summary>
    public static async Task<PeerSilo> StartAsync(string? redisEndpoint, BeforeAfterStore store, string run)
    {
        await store.InitializeAsync();
        var settings = new Dictionary<string, string?>
        {
            // Every game the run plays stays active, so no deactivation snapshot lands inside a measured window.
            ["Statecraft:Persistence:GameCacheSize"] = "1000000",
            ["Statecraft:Games:IdleDeactivationAfter"] = "01:00:00",
            ["Statecraft:FeatureFlags:RefreshInterval"] = "00:00:00.200",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        // Warnings from our code; Orleans' own placement retries while the silo shuts down are noise here.
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error).AddFilter("Polly", LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            silo.AddStateStorageBasedLogConsistencyProvider(GrainPeers.StateStorage)
                .AddLogStorageBasedLogConsistencyProvider(GrainPeers.LogStorage);
            if (redisEndpoint is not null)
            {
                // The same client setting as our store's connection, so only the durability mechanism differs.
                silo.AddRedisGrainStorage(GrainPeers.GrainStorage, o =>
                {
                    o.ConfigurationOptions = ConfigurationOptions.Parse(redisEndpoint);
                    o.ConfigurationOptions.SocketManager = SocketManager.ThreadPool;
                });
            }

            silo.Services.AddGameStore(_ => store);
            silo.AddStatecraftOnOneMachine(configuration, "peers", $"peers-{run}");
        });
        var host = builder.Build();
        await host.StartAsync();
        return new PeerSilo(host, store);
    }

    /// <summary>
    /// Our Redis store as shipped (its client completes replies on the .NET thread pool), and a second one on the same
    /// keys whose client uses StackExchange.Redis' dedicated socket threads, as the store did before.
    /// </summary>
    public static BeforeAfterStore Redis(string endpoint, string run)
    {
        var options = new RedisStoreOptions { ConnectionString = endpoint, KeyPrefix = $"peers-{run}" };
        var dedicated = ConfigurationOptions.Parse(endpoint);
        dedicated.SocketManager = SocketManager.Shared;
        return new BeforeAfterStore(new RedisGameStore(options), new RedisGameStore(ConnectionMultiplexer.Connect(dedicated), options));
    }

    public static BeforeAfterStore Sqlite(string path) => new(new SqliteGameStore(new SqliteStoreOptions { DataSource = path }), null);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
