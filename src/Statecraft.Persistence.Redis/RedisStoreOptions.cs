using StackExchange.Redis;

namespace Statecraft.Persistence.Redis;

/// <summary>
/// Settings of <see cref="RedisGameStore"/>, bound from <c>Statecraft:Redis</c>, and the one Redis connection
/// configuration of a silo: membership, reminders and the flags' grain storage connect with
/// <see cref="ToConfigurationOptions"/> too, so a password, TLS or timeouts apply to every Redis consumer alike.
/// </summary>
public sealed class RedisStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Statecraft:Redis";

    /// <summary>The DI key of the one <c>IConnectionMultiplexer</c> the store uses in a silo.</summary>
    public const string ConnectionServiceKey = "Statecraft:Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string: one or more <c>host:port</c> endpoints plus options, for example
    /// <c>redis-0:6379,redis-1:6379,defaultDatabase=2</c>. The settings below override what it says.
    /// </summary>
    public string ConnectionString { get; set; } = "127.0.0.1:6379";

    /// <summary>
    /// Starts every key the store writes, so several deployments can share one Redis. Letters, digits and
    /// <c>. _ - :</c> only: braces would break the per-game hash tag.
    /// </summary>
    public string KeyPrefix { get; set; } = "sc";

    /// <summary>The password (Redis <c>AUTH</c>); null keeps what the connection string says.</summary>
    public string? Password { get; set; }

    /// <summary>True forces TLS; false leaves the connection string's choice (<c>ssl=true</c>).</summary>
    public bool Ssl { get; set; }

    /// <summary>How long to wait for a connection; null keeps the connection string's or the library's default (5 s).</summary>
    public TimeSpan? ConnectTimeout { get; set; }

    /// <summary>How long a synchronous operation may take; null keeps the connection string's or the library's default (5 s).</summary>
    public TimeSpan? SyncTimeout { get; set; }

    /// <summary>How long an asynchronous operation may take; null keeps the connection string's or the library's default (5 s).</summary>
    public TimeSpan? AsyncTimeout { get; set; }

    /// <summary>
    /// When set, a finished game's keys expire this long after the append that finished it: retention by key expiry,
    /// with no pass over the data. Null (the default) keeps finished games until <c>ApplyRetentionAsync</c> or a delete
    /// removes them; retention by finish time applies either way.
    /// </summary>
    public TimeSpan? FinishedGameTtl { get; set; }

    /// <summary>
    /// The StackExchange.Redis configuration these settings describe: the connection string with
    /// <see cref="Password"/>, <see cref="Ssl"/> and the timeouts applied, reconnecting in the background rather than
    /// failing at start. A new instance on every call, since consumers may adjust their copy.
    /// </summary>
    public ConfigurationOptions ToConfigurationOptions() => RedisConnection.Configure(this, null);
}
