using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Statecraft.Persistence.DynamoDB;

namespace Statecraft.Providers.DynamoDB;

/// <summary>Registers DynamoDB grain storage with a silo.</summary>
public static class DynamoDbProvidersSiloBuilderExtensions
{
    /// <summary>
    /// Adds a named grain storage provider kept in a DynamoDB table. The options are the
    /// <see cref="DynamoDbOptions"/> named <paramref name="name"/>, validated at start. State is serialized by an
    /// <see cref="IGrainStorageSerializer"/> keyed to <paramref name="name"/> if one is registered, otherwise by the silo's default.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider name grains use, as in <c>[PersistentState("flags", "flags")]</c>.</param>
    /// <param name="configure">Sets the table, endpoint, credentials and retries.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static ISiloBuilder AddDynamoDBGrainStorage(this ISiloBuilder builder, string name, Action<DynamoDbOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.RegisterGrainStorage(name, options => options.Configure(configure));
    }

    /// <summary>
    /// Adds a named grain storage provider kept in a DynamoDB table, with <see cref="DynamoDbOptions"/> bound
    /// from <see cref="DynamoDbOptions.SectionName"/> of <paramref name="configuration"/> (shared with the
    /// DynamoDB game store's connection settings).
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider name grains use, as in <c>[PersistentState("flags", "flags")]</c>.</param>
    /// <param name="configuration">The application's configuration root.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static ISiloBuilder AddDynamoDBGrainStorage(this ISiloBuilder builder, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.RegisterGrainStorage(name, options => options.Bind(configuration.GetSection(DynamoDbOptions.SectionName)));
    }

    private static ISiloBuilder RegisterGrainStorage(this ISiloBuilder builder, string name, Action<OptionsBuilder<DynamoDbOptions>> configureOptions) =>
        builder.AddConditionalGrainStorage<DynamoDbGrainStorage, DynamoDbOptions, DynamoDbOptionsValidator>(
            name,
            configureOptions,
            static (sp, providerName, options, serializer, activators) =>
                new DynamoDbGrainStorage(providerName, options, serializer, activators, sp.GetRequiredService<ILogger<DynamoDbGrainStorage>>()));
}
