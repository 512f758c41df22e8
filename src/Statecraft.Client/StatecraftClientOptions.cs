using Microsoft.Extensions.Options;

namespace Statecraft.Client;

/// <summary>How a frontend reaches the cluster, bound from <c>Statecraft:Client</c>.</summary>
public sealed class StatecraftClientOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Statecraft:Client";

    /// <summary>How gateways are found: <c>Localhost</c> (one machine) or <c>Redis</c> (the silos' membership table).</summary>
    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;

    /// <summary>The Redis that holds the cluster's membership (Redis clustering), as a StackExchange.Redis configuration string.</summary>
    public string RedisConnectionString { get; set; } = "127.0.0.1:6379";

    /// <summary>The Redis password (AUTH); null keeps what the connection string says. Same meaning as the silo's <c>Statecraft:Redis:Password</c>.</summary>
    public string? RedisPassword { get; set; }

    /// <summary>True forces TLS to Redis; false leaves the connection string's choice. Same meaning as the silo's <c>Statecraft:Redis:Ssl</c>.</summary>
    public bool RedisSsl { get; set; }

    /// <summary>The StackExchange.Redis configuration for the membership table, with the password and TLS applied.</summary>
    public StackExchange.Redis.ConfigurationOptions RedisConfiguration()
    {
        var configuration = StackExchange.Redis.ConfigurationOptions.Parse(RedisConnectionString);
        if (!string.IsNullOrEmpty(RedisPassword))
        {
            configuration.Password = RedisPassword;
        }

        configuration.Ssl |= RedisSsl;
        configuration.AbortOnConnectFail = false;
        return configuration;
    }

    /// <summary>The silo gateway port on this machine (Localhost clustering).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The gateways as <c>address:port</c> (Static clustering), for example <c>10.0.0.5:30000</c>.</summary>
    public IList<string> Gateways { get; } = [];

    /// <summary>The gateway endpoints of <see cref="Gateways"/>; throws on an entry that is not <c>address:port</c>.</summary>
    public System.Net.IPEndPoint[] GatewayEndpoints() =>
        [.. Gateways.Select(g => System.Net.IPEndPoint.TryParse(g, out var endpoint) && endpoint.Port > 0
            ? endpoint
            : throw new FormatException($"{SectionName}:Gateways entry '{g}' is not address:port."))];

    /// <summary>Mutual TLS to the gateways (<c>Statecraft:Client:Tls:*</c>); required when the silos have <c>Statecraft:Tls:Enabled</c>.</summary>
    public Security.MutualTlsOptions Tls { get; set; } = new();

    /// <summary>The cluster id; must match the silos'.</summary>
    public string ClusterId { get; set; } = "statecraft";

    /// <summary>The service id; must match the silos'.</summary>
    public string ServiceId { get; set; } = "statecraft";

    /// <summary>
    /// How long a call may take before it fails (and is retried). Orleans does not fail a call in flight to a silo that
    /// died; it waits this long (checked once a second), so this bounds how long a frontend waits after a
    /// <c>kill -9</c>. Longer than the silo's own store budget (<c>Statecraft:Resilience:StoreCallTimeout</c>).
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often the client re-reads the gateway list and reconsiders gateways it marked dead. Orleans' default is one
    /// minute, during which a live silo the client once failed to reach holds the replies of its grains for this client.
    /// </summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts per command, all with the same command id, so a retried command is applied once.</summary>
    public int CommandAttempts { get; set; } = 4;

    /// <summary>How often live subscriptions are renewed and views resynced (also re-subscribes after a failover).</summary>
    public TimeSpan SubscriptionRenewal { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Validates <see cref="StatecraftClientOptions"/> when the client starts.</summary>
public sealed class StatecraftClientOptionsValidator : IValidateOptions<StatecraftClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StatecraftClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Clustering))
        {
            failures.Add($"{StatecraftClientOptions.SectionName}:Clustering '{options.Clustering}' is unknown; use {string.Join(" or ", Enum.GetNames<ClusteringMode>())}.");
        }

        if (options.Clustering == ClusteringMode.Redis && string.IsNullOrWhiteSpace(options.RedisConnectionString))
        {
            failures.Add($"{StatecraftClientOptions.SectionName}:RedisConnectionString is required with Redis clustering.");
        }

        if (options.Clustering == ClusteringMode.Static && options.Gateways.Count == 0)
        {
            failures.Add($"{StatecraftClientOptions.SectionName}:Gateways is required with Static clustering (address:port entries).");
        }

        failures.AddRange(options.Gateways
            .Where(g => !System.Net.IPEndPoint.TryParse(g, out var endpoint) || endpoint.Port == 0)
            .Select(g => $"{StatecraftClientOptions.SectionName}:Gateways entry '{g}' is not address:port (for example 10.0.0.5:30000)."));

        if (options.GatewayPort is < 1 or > 65535)
        {
            failures.Add($"{StatecraftClientOptions.SectionName}:GatewayPort must be 1 to 65535 (was {options.GatewayPort}).");
        }

        if (options.ResponseTimeout < TimeSpan.FromMilliseconds(100))
        {
            failures.Add($"{StatecraftClientOptions.SectionName}:ResponseTimeout must be at least 100 ms (was {options.ResponseTimeout}).");
        }

        if (options.GatewayListRefreshPeriod < TimeSpan.FromSeconds(1) || options.GatewayListRefreshPeriod > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{StatecraftClientOptions.SectionName}:GatewayListRefreshPeriod must be from 1 second to 10 minutes (was {options.GatewayListRefreshPeriod}).");
        }

        if (options.CommandAttempts is < 1 or > 20)
        {
            failures.Add($"{StatecraftClientOptions.SectionName}:CommandAttempts must be 1 to 20 (was {options.CommandAttempts}).");
        }

        if (options.SubscriptionRenewal < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{StatecraftClientOptions.SectionName}:SubscriptionRenewal must be at least 1 second (was {options.SubscriptionRenewal}).");
        }

        failures.AddRange(Security.MutualTls.Validate(options.Tls, $"{StatecraftClientOptions.SectionName}:Tls"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
