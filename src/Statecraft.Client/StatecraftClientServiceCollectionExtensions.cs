using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Statecraft.Client;

/// <summary>Registers the Statecraft client in a frontend host.</summary>
public static class StatecraftClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds an Orleans client configured from <c>Statecraft:Client</c> (validated at start) and
    /// <see cref="StatecraftClient"/>. The host starts and stops the connection.
    /// </summary>
    public static IServiceCollection AddStatecraftClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new StatecraftClientOptions();
        var clusteringKey = $"{StatecraftClientOptions.SectionName}:{nameof(StatecraftClientOptions.Clustering)}";
        if (int.TryParse(configuration[clusteringKey], out _))
        {
            // The binder would take a number as an enum value (1 = Redis); a mode is named, never numbered.
            throw new OptionsValidationException(StatecraftClientOptions.SectionName, typeof(StatecraftClientOptions),
                [$"{clusteringKey} '{configuration[clusteringKey]}' is unknown; use {string.Join(" or ", Enum.GetNames<ClusteringMode>())}."]);
        }

        try
        {
            configuration.GetSection(StatecraftClientOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            // The binder's message names the key and the value it could not convert (an unknown Clustering, say).
            throw new OptionsValidationException(StatecraftClientOptions.SectionName, typeof(StatecraftClientOptions), [exception.Message]);
        }

        var validation = new StatecraftClientOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(StatecraftClientOptions.SectionName, typeof(StatecraftClientOptions), validation.Failures);
        }

        services.AddOptions<StatecraftClientOptions>().Bind(configuration.GetSection(StatecraftClientOptions.SectionName));
        services.AddOrleansClient(client =>
        {
            switch (options.Clustering)
            {
                case ClusteringMode.Redis:
                    client.UseRedisClustering(redis => redis.ConfigurationOptions = options.RedisConfiguration());
                    break;
                case ClusteringMode.Static:
                    client.UseStaticClustering(options.GatewayEndpoints());
                    break;
                default:
                    client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
                    break;
            }

            if (options.Clustering != ClusteringMode.Localhost)
            {
                client.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = options.ClusterId;
                    cluster.ServiceId = options.ServiceId;
                });
            }

            if (options.Tls.Enabled)
            {
                var tls = Security.MutualTls.Load(options.Tls, $"{StatecraftClientOptions.SectionName}:Tls");
                client.UseTls(tls.Certificate, tls.Apply);
            }

            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = options.ResponseTimeout);
            // A gateway the client once failed to reach is shunned until the next refresh, while that silo keeps this
            // client's record and queues every reply of its grains there: a short refresh bounds that silence.
            client.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = options.GatewayListRefreshPeriod);
            // A frontend that traces (OpenTelemetry with the "Microsoft.Orleans.Application" source) sees its calls
            // continue into the grain and the store; without a tracer this costs nothing.
            client.AddActivityPropagation();
        });
        services.TryAddSingleton<StatecraftClient>();
        return services;
    }
}
