using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Statecraft.Client;

namespace Statecraft.Grains.Tests.Client;

/// <summary>The client's settings: bad values stop it with a message naming the key; Redis settings reach the connection.</summary>
public sealed class ClientOptionsTests
{
    [Theory]
    [InlineData("Kubernetes")]
    [InlineData("1")]
    [InlineData("")]
    public void An_unknown_clustering_mode_is_refused_naming_the_key(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Statecraft:Client:Clustering"] = value,
        }).Build();

        var refused = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddStatecraftClient(configuration));

        Assert.Contains("Statecraft:Client:Clustering", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutual_tls_without_its_files_is_refused_naming_each_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Statecraft:Client:Tls:Enabled"] = "true",
            ["Statecraft:Client:Tls:CertificatePath"] = "/nonexistent/client.crt",
            ["Statecraft:Client:Tls:ServerName"] = "not a name",
        }).Build();

        var refused = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddStatecraftClient(configuration));

        Assert.Contains("Statecraft:Client:Tls:CertificatePath '/nonexistent/client.crt' does not exist", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Statecraft:Client:Tls:KeyPath is required when Statecraft:Client:Tls:Enabled is true", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Statecraft:Client:Tls:CaPath is required", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Statecraft:Client:Tls:ServerName 'not a name' must be a DNS name", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Statecraft:Client:Gateways", "Static", null)]
    [InlineData("Statecraft:Client:Gateways", "Static", "gateway.local:30000")]
    [InlineData("Statecraft:Client:Gateways", "Static", "10.0.0.5")]
    [InlineData("Statecraft:Client:GatewayListRefreshPeriod", "Localhost", null)]
    [InlineData("Statecraft:Client:ResponseTimeout", "Localhost", null)]
    public void A_bad_gateway_setting_is_refused_naming_the_key(string key, string clustering, string? gateway)
    {
        var settings = new Dictionary<string, string?> { ["Statecraft:Client:Clustering"] = clustering };
        if (gateway is not null)
        {
            settings["Statecraft:Client:Gateways:0"] = gateway;
        }

        if (key.EndsWith("GatewayListRefreshPeriod", StringComparison.Ordinal))
        {
            settings[key] = "00:00:00.500";
        }
        else if (key.EndsWith("ResponseTimeout", StringComparison.Ordinal))
        {
            settings[key] = "00:00:00.010";
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var refused = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddStatecraftClient(configuration));

        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Static_gateways_are_read_as_endpoints()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Statecraft:Client:Clustering"] = "Static",
            ["Statecraft:Client:Gateways:0"] = "10.0.0.5:30000",
            ["Statecraft:Client:Gateways:1"] = "[::1]:30001",
        }).Build();
        new ServiceCollection().AddStatecraftClient(configuration);
        var options = new StatecraftClientOptions();
        configuration.GetSection(StatecraftClientOptions.SectionName).Bind(options);

        Assert.Equal(["10.0.0.5:30000", "[::1]:30001"], options.GatewayEndpoints().Select(e => e.ToString()));
    }

    [Fact]
    public void The_redis_password_and_tls_reach_the_membership_connection()
    {
        var options = new StatecraftClientOptions
        {
            Clustering = ClusteringMode.Redis,
            RedisConnectionString = "127.0.0.1:6390",
            RedisPassword = "s3cret",
            RedisSsl = true,
        };

        var redis = options.RedisConfiguration();

        Assert.Equal("s3cret", redis.Password);
        Assert.True(redis.Ssl);
        Assert.False(redis.AbortOnConnectFail);
    }
}
