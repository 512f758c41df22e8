using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Statecraft.Engine.Core;
using Statecraft.Persistence.Codec;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Stores;
using Statecraft.Persistence.Telemetry;

namespace Statecraft.Persistence;

/// <summary>Registers the storage layer. A backend registers the <see cref="IGameStore"/> itself (see <see cref="AddInMemoryGameStore"/>).</summary>
public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="PersistenceOptions"/> from <c>Statecraft:Persistence</c> (preset first, explicit keys over it),
    /// validates them at start, and registers the codec, snapshot policy and <see cref="GameRepository"/>.
    /// </summary>
    public static IServiceCollection AddStatecraftPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(PersistenceOptions.SectionName);
        services.AddOptions<PersistenceOptions>()
            .Configure(options =>
            {
                if (section[nameof(PersistenceOptions.Preset)] is { Length: > 0 } preset)
                {
                    // Unknown names are reported by the validator with the list of valid ones.
                    PersistencePresets.TryApply(preset, options);
                }
            })
            .Bind(section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PersistenceOptions>, PersistenceOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(GameDecider.Default);
        services.TryAddSingleton(TypeCatalog.ForEngine());
        services.TryAddSingleton(sp => new GameCodec(sp.GetRequiredService<TypeCatalog>(), sp.GetRequiredService<IOptions<PersistenceOptions>>().Value.ToCodecSettings()));
        services.TryAddSingleton(sp => new SnapshotPolicy(sp.GetRequiredService<IOptions<PersistenceOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<GameRepository>();
        return services;
    }

    /// <summary>Uses the in-memory store (tests, throwaway development silos).</summary>
    public static IServiceCollection AddInMemoryGameStore(this IServiceCollection services) =>
        services.AddGameStore(_ => new InMemoryGameStore());

    /// <summary>
    /// Uses the store <paramref name="create"/> builds, wrapped so every operation's latency is measured, under
    /// <see cref="IGameStore"/> and each of its roles (one instance), so every caller can ask for the narrowest one.
    /// </summary>
    public static IServiceCollection AddGameStore(this IServiceCollection services, Func<IServiceProvider, IGameStore> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        services.RemoveAll<IGameStore>();
        services.AddSingleton<IGameStore>(sp => new InstrumentedGameStore(create(sp)));
        services.TryAddSingleton<IGameStreamStore>(sp => sp.GetRequiredService<IGameStore>());
        services.TryAddSingleton<IGameHistoryReader>(sp => sp.GetRequiredService<IGameStore>());
        services.TryAddSingleton<IGameCatalog>(sp => sp.GetRequiredService<IGameStore>());
        services.TryAddSingleton<IGameStoreMaintenance>(sp => sp.GetRequiredService<IGameStore>());
        services.TryAddSingleton<IGameStoreHealth>(sp => sp.GetRequiredService<IGameStore>());
        services.TryAddSingleton<IGameStoreUsage>(sp => sp.GetRequiredService<IGameStore>());
        return services;
    }
}
