using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using Statecraft.Persistence.DynamoDB;
using Statecraft.Providers.DynamoDB;

namespace Statecraft.Providers.Tests;

/// <summary>What AddDynamoDBGrainStorage puts in the container and which options it refuses, resolved without a silo or a server.</summary>
public sealed class DynamoDbGrainStorageRegistrationTests
{
    [Fact]
    public void Each_named_storage_gets_its_own_options_and_joins_the_silo_lifecycle()
    {
        using var services = Build(builder => builder
            .AddDynamoDBGrainStorage("flags", options => (options.GrainStateTableName, options.ServiceUrl) = ("flags-state", "http://127.0.0.1:1"))
            .AddDynamoDBGrainStorage("games", options => (options.GrainStateTableName, options.ServiceUrl) = ("games-state", "http://127.0.0.1:1")));

        Assert.Equal("flags-state", Storage(services, "flags").TableName);
        Assert.Equal("games-state", Storage(services, "games").TableName);
        Assert.Contains(Storage(services, "flags"), services.GetServices<ILifecycleParticipant<ISiloLifecycle>>());
    }

    [Fact]
    public void The_configuration_overload_binds_the_dynamodb_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Statecraft:DynamoDB:GrainStateTableName"] = "bound-state",
            ["Statecraft:DynamoDB:TableName"] = "the-game-store-table",
            ["Statecraft:DynamoDB:ServiceUrl"] = "http://127.0.0.1:1",
            ["Statecraft:DynamoDB:RetryMode"] = "Adaptive",
            ["Statecraft:DynamoDB:MaxErrorRetry"] = "9",
        }).Build();

        using var services = Build(builder => builder.AddDynamoDBGrainStorage("flags", configuration));

        var options = services.GetRequiredService<IOptionsMonitor<DynamoDbOptions>>().Get("flags");
        Assert.Equal((RequestRetryMode.Adaptive, 9), (options.RetryMode, options.MaxErrorRetry));
        // The game store's TableName in the same section does not leak into grain storage.
        Assert.Equal("bound-state", Storage(services, "flags").TableName);
    }

    [Fact]
    public void Invalid_options_fail_with_the_provider_name_in_the_message()
    {
        using var services = Build(builder => builder.AddDynamoDBGrainStorage("flags", options => options.ReadCapacity = 5));

        var failure = Assert.Throws<OptionsValidationException>(() => Storage(services, "flags"));

        Assert.Contains("Statecraft:DynamoDB ('flags'):ReadCapacity and WriteCapacity go together", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(DynamoDbOptions.GrainStateTableName), "GrainStateTableName")]
    [InlineData(nameof(DynamoDbOptions.ServiceUrl), "ServiceUrl")]
    [InlineData(nameof(DynamoDbOptions.Region), "Region")]
    [InlineData(nameof(DynamoDbOptions.MaxErrorRetry), "MaxErrorRetry")]
    [InlineData(nameof(DynamoDbOptions.RequestTimeout), "RequestTimeout")]
    public void The_validator_names_the_setting_to_change(string setting, string expected)
    {
        var options = new DynamoDbOptions();
        switch (setting)
        {
            case nameof(DynamoDbOptions.GrainStateTableName):
                options.GrainStateTableName = "x";
                break;
            case nameof(DynamoDbOptions.ServiceUrl):
                options.ServiceUrl = "not a url";
                break;
            case nameof(DynamoDbOptions.Region):
                options.Region = "Europe West";
                break;
            case nameof(DynamoDbOptions.RequestTimeout):
                // The SDK's own default is about 100 s: a frozen store would hold every command that long.
                options.RequestTimeout = TimeSpan.FromMinutes(10);
                break;
            default:
                options.MaxErrorRetry = -1;
                break;
        }

        var result = new DynamoDbOptionsValidator().Validate("flags", options);

        Assert.Contains(expected, Assert.Single(result.Failures!), StringComparison.Ordinal);
        Assert.True(new DynamoDbOptionsValidator().Validate("flags", new DynamoDbOptions()).Succeeded);
    }

    private static DynamoDbGrainStorage Storage(IServiceProvider services, string name) =>
        Assert.IsType<DynamoDbGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(name));

    private static ServiceProvider Build(Action<ISiloBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSerializer();
        services.AddSingleton<IGrainStorageSerializer>(sp => new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>()));
        configure(new TestSiloBuilder(services, new ConfigurationBuilder().Build()));
        return services.BuildServiceProvider();
    }

    private sealed class TestSiloBuilder(IServiceCollection services, IConfiguration configuration) : ISiloBuilder
    {
        public IServiceCollection Services { get; } = services;

        public IConfiguration Configuration { get; } = configuration;
    }
}
