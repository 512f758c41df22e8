using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Statecraft.Persistence.DynamoDB;

/// <summary>Registers the DynamoDB game store.</summary>
public static class DynamoDbServiceCollectionExtensions
{
    /// <summary>
    /// Uses a DynamoDB table as the game store, with <see cref="DynamoDbStoreOptions"/> bound from
    /// <c>Statecraft:DynamoDB</c> and validated at start.
    /// </summary>
    public static IServiceCollection AddDynamoDbGameStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DynamoDbStoreOptions>().Bind(configuration.GetSection(DynamoDbStoreOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DynamoDbStoreOptions>, DynamoDbStoreOptionsValidator>());
        return services.AddGameStore(sp => new DynamoDbGameStore(
            sp.GetRequiredService<IOptions<DynamoDbStoreOptions>>().Value,
            sp.GetRequiredService<ILogger<DynamoDbGameStore>>()));
    }
}
