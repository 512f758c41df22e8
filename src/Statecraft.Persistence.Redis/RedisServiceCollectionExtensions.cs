using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Statecraft.Persistence.Redis;

/// <summary>Registers the Redis game store.</summary>
public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Uses Redis as the game store, with <see cref="RedisStoreOptions"/> bound from <c>Statecraft:Redis</c> and
    /// validated at start. The silo's one <see cref="IConnectionMultiplexer"/> is a singleton keyed
    /// <see cref="RedisStoreOptions.ConnectionServiceKey"/>, disposed with the container; it reconnects by itself.
    /// </summary>
    public static IServiceCollection AddRedisGameStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RedisStoreOptions>().Bind(configuration.GetSection(RedisStoreOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisStoreOptions>, RedisStoreOptionsValidator>());
        services.TryAddKeyedSingleton(RedisStoreOptions.ConnectionServiceKey, (sp, _) => RedisConnection.Connect(
            sp.GetRequiredService<IOptions<RedisStoreOptions>>().Value,
            sp.GetService<ILoggerFactory>()));
        return services.AddGameStore(sp => new RedisGameStore(
            sp.GetRequiredKeyedService<IConnectionMultiplexer>(RedisStoreOptions.ConnectionServiceKey),
            sp.GetRequiredService<IOptions<RedisStoreOptions>>().Value,
            sp.GetRequiredService<ILogger<RedisGameStore>>()));
    }
}
