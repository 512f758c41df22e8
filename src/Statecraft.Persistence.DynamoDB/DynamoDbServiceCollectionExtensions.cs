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
    /// Uses a DynamoDB table as the game store, with <see cref="DynamoDbOptions"/> bound from
    /// <c>Statecraft:DynamoDB</c> and validated at start.
    /// </summary>
    public static IServiceCollection AddDynamoDbGameStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DynamoDbOptions>().Bind(configuration.GetSection(DynamoDbOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DynamoDbOptions>, DynamoDbOptionsValidator>());
        return services.AddGameStore(sp => new DynamoDbGameStore(
            sp.GetRequiredService<IOptions<DynamoDbOptions>>().Value,
            sp.GetRequiredService<ILogger<DynamoDbGameStore>>()));
    }
}
