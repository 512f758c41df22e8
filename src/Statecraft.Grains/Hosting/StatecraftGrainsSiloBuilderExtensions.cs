using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization.Cloning;
using Statecraft.Grains.Flags;
using Statecraft.Grains.Games;
using Statecraft.Grains.Operations;
using Statecraft.Grains.Telemetry;
using Statecraft.Persistence;
using Statecraft.Persistence.Resilience;
using Statecraft.Persistence.Stores;

namespace Statecraft.Grains.Hosting;

/// <summary>Registers Statecraft's grains and their services on a silo.</summary>
public static class StatecraftGrainsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the game journal's log-consistency provider, the persistence layer (the caller registers the
    /// <c>IGameStore</c>, the reminder service and the <c>flags</c> grain storage), feature flags with their silo-local
    /// cache, the active-game tracker and cache eviction, and binds and validates <c>Statecraft:Games</c>,
    /// <c>Statecraft:FeatureFlags</c>, <c>Statecraft:Persistence</c> and <c>Statecraft:Resilience</c> at start; the
    /// store's circuit breaker and recovery throttle are one per silo.
    /// </summary>
    public static ISiloBuilder AddStatecraftGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = silo.Services;
        services.AddStatecraftPersistence(configuration);

        services.AddOptions<GameGrainOptions>().Bind(configuration.GetSection(GameGrainOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GameGrainOptions>, GameGrainOptionsValidator>());
        services.AddOptions<FeatureFlagOptions>()
            .Bind(configuration.GetSection(FeatureFlagOptions.SectionName))
            .PostConfigure(options => options.ApplyEnvironment(configuration))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FeatureFlagOptions>, FeatureFlagOptionsValidator>());

        services.TryAddSingleton<FeatureFlagCache>();
        services.TryAddSingleton(sp => new FeatureFlagRules(sp.GetRequiredService<IOptions<FeatureFlagOptions>>().Value));
        services.AddFlagStateSerializer();
        services.TryAddSingleton<ActiveGames>();
        services.AddOptions<ResilienceOptions>().Bind(configuration.GetSection(ResilienceOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResilienceOptions>, ResilienceOptionsValidator>());
        services.TryAddSingleton(sp => new StoreResilience(
            sp.GetRequiredService<IGameStoreHealth>().Name,
            sp.GetRequiredService<IOptions<ResilienceOptions>>().Value,
            sp.GetRequiredService<IOptions<GameGrainOptions>>().Value.StoreWriteAttempts,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<StoreCircuit>>()));
        services.AddHostedService<FeatureFlagRefresher>();
        services.AddHostedService<GameCacheEvictor>();
        services.TryAddSingleton<RecoveryTally>();
        services.AddHostedService<SiloReportPublisher>();
        services.AddHostedService<SiloGauges>();
        services.AddSingleton<IGeneralizedCopier, ImmutableEngineTypeCopier>();
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<GameGrainOptions>>((collection, games) =>
            collection.ClassSpecificCollectionAge[typeof(GameGrain).FullName!] = games.Value.IdleDeactivationAfter);
        return silo;
    }
}
