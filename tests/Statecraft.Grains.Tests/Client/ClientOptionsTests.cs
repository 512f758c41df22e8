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
