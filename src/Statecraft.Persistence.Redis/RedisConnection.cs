using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Statecraft.Persistence.Redis;

/// <summary>Turns <see cref="RedisStoreOptions"/> into a StackExchange.Redis configuration.</summary>
internal static class RedisConnection
{
    public static ConfigurationOptions Configure(RedisStoreOptions options, ILoggerFactory? loggerFactory)
    {
        var configuration = ConfigurationOptions.Parse(options.ConnectionString);
        if (!string.IsNullOrEmpty(options.Password))
        {
            configuration.Password = options.Password;
        }

        if (options.Ssl)
        {
            configuration.Ssl = true;
        }

        if (options.ConnectTimeout is { } connect)
        {
            configuration.ConnectTimeout = (int)connect.TotalMilliseconds;
        }

        if (options.SyncTimeout is { } sync)
        {
            configuration.SyncTimeout = (int)sync.TotalMilliseconds;
        }

        if (options.AsyncTimeout is { } async)
        {
            configuration.AsyncTimeout = (int)async.TotalMilliseconds;
        }

        // A silo must come up, and its readiness check report the outage, while Redis is briefly away; the multiplexer
        // keeps reconnecting in the background instead of failing once at start.
        configuration.AbortOnConnectFail = false;
        // Replies complete on the .NET thread pool, where the grain's continuation runs anyway, instead of on the
        // client's own dedicated socket threads: one thread hand-over less per store call. Measured by the peers
        // benchmark (docs/benchmarks.md): 1.22-1.35x the saturation throughput of the dedicated threads on short and
        // long games (0.98x, noise, at 100 events), a shorter p99 and the same CPU per command at a fixed rate. Safe
        // because nothing in the silo blocks a pool thread on Redis. Only the game store's connection is measured; the
        // clustering, reminder and directory connections built from these options get the same setting.
        configuration.SocketManager = SocketManager.ThreadPool;
        configuration.LoggerFactory ??= loggerFactory;
        return configuration;
    }

    /// <summary>The endpoints, for messages: never the password.</summary>
    public static string Describe(ConfigurationOptions configuration) =>
        string.Join(", ", configuration.EndPoints.Select(EndPointCollection.ToString));

    /// <summary>Connects the multiplexer a store or a silo shares; returns at once when Redis is down and keeps retrying.</summary>
    public static IConnectionMultiplexer Connect(RedisStoreOptions options, ILoggerFactory? loggerFactory) =>
        ConnectionMultiplexer.Connect(Configure(options, loggerFactory));
}
