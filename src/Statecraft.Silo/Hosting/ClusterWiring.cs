using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Statecraft.Grains.Flags;
using Statecraft.Grains.Lobby;
using Statecraft.Persistence;
using Statecraft.Persistence.DynamoDB;
using Statecraft.Persistence.Redis;
using Statecraft.Persistence.Sqlite;
using Statecraft.Providers.DynamoDB;
using Statecraft.Providers.Sqlite;

namespace Statecraft.Silo.Hosting;

/// <summary>
/// Chooses the backends from <see cref="SiloSettings"/>: the game store and the flags' grain storage follow
/// <c>Statecraft:Storage</c>; membership and reminders follow <c>Statecraft:Clustering</c> (Redis in a cluster,
/// durable SQLite on one machine, memory for throwaway silos).
/// </summary>
internal static class ClusterWiring
{
    public static void AddGameStore(IServiceCollection services, SiloSettings settings, IConfiguration configuration)
    {
        switch (settings.Storage)
        {
            case StorageBackend.Sqlite:
                services.AddSqliteGameStore(configuration);
                break;
            case StorageBackend.Redis:
                services.AddRedisGameStore(configuration);
                break;
            case StorageBackend.DynamoDB:
                services.AddDynamoDbGameStore(configuration);
                break;
            default:
                services.AddInMemoryGameStore();
                break;
        }
    }

    public static void Configure(ISiloBuilder silo, SiloSettings settings, IConfiguration configuration)
    {
        // One connection configuration for every Redis consumer: the password, TLS and timeouts under
        // Statecraft:Redis reach membership, reminders and flag storage as they reach the game store.
        var redis = settings.IsClustered || settings.Storage == StorageBackend.Redis ? RedisSettings(configuration) : null;
        if (settings.IsClustered)
        {
            silo.UseRedisClustering(options => options.ConfigurationOptions = redis!.ToConfigurationOptions());
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = settings.ClusterId;
                cluster.ServiceId = settings.ServiceId;
            });
            if (settings.Clustering == ClusteringMode.Kubernetes)
            {
                KubernetesWiring.Apply(silo, settings);
            }
            else
            {
                silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedAddress), settings.SiloPort, settings.GatewayPort, settings.ListenOnAnyHostAddress);
            }

            silo.UseRedisReminderService(options => options.ConfigurationOptions = redis!.ToConfigurationOptions());
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
            if (settings.Storage == StorageBackend.Memory)
            {
                silo.UseInMemoryReminderService();
            }
            else
            {
                silo.UseSqliteReminderService(configuration);
            }
        }

        // Grain state next to the games: the flags, and the lobby's directory shards.
        switch (settings.Storage)
        {
            case StorageBackend.Sqlite:
                silo.AddSqliteGrainStorage(FeatureFlagGrain.StorageName, configuration);
                silo.AddSqliteGrainStorage(GameDirectoryGrain.StorageName, configuration);
                break;
            case StorageBackend.Redis:
                silo.AddRedisGrainStorage(FeatureFlagGrain.StorageName, options =>
                {
                    options.ConfigurationOptions = redis!.ToConfigurationOptions();
                    options.GrainStorageSerializer = new FlagStateSerializer();
                });
                silo.AddRedisGrainStorage(GameDirectoryGrain.StorageName, options => options.ConfigurationOptions = redis!.ToConfigurationOptions());
                break;
            case StorageBackend.DynamoDB:
                silo.AddDynamoDBGrainStorage(FeatureFlagGrain.StorageName, configuration);
                silo.AddDynamoDBGrainStorage(GameDirectoryGrain.StorageName, configuration);
                break;
            default:
                silo.AddMemoryGrainStorage(FeatureFlagGrain.StorageName);
                silo.AddMemoryGrainStorage(GameDirectoryGrain.StorageName);
                break;
        }
    }

    /// <summary>The <c>Statecraft:Redis</c> settings, validated as the game store validates them.</summary>
    private static RedisStoreOptions RedisSettings(IConfiguration configuration)
    {
        var options = new RedisStoreOptions();
        configuration.GetSection(RedisStoreOptions.SectionName).Bind(options);
        var validation = new RedisStoreOptionsValidator().Validate(null, options);
        return validation.Failed
            ? throw new OptionsValidationException(RedisStoreOptions.SectionName, typeof(RedisStoreOptions), validation.Failures)
            : options;
    }
}
