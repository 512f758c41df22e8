using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Statecraft.Providers;

/// <summary>How every Statecraft grain storage provider is registered in a silo.</summary>
public static class GrainStorageRegistration
{
    /// <summary>
    /// Registers grain storage provider <paramref name="name"/>: its <typeparamref name="TOptions"/> named after it,
    /// validated at start by <typeparamref name="TValidator"/>, and the storage <paramref name="create"/> builds from
    /// them with the serializer keyed to <paramref name="name"/> if one is registered (otherwise the silo's default).
    /// </summary>
    /// <returns>The same builder, for chaining.</returns>
    public static ISiloBuilder AddConditionalGrainStorage<TStorage, TOptions, TValidator>(
        this ISiloBuilder builder,
        string name,
        Action<OptionsBuilder<TOptions>> configureOptions,
        Func<IServiceProvider, string, TOptions, IGrainStorageSerializer, IActivatorProvider, TStorage> create)
        where TStorage : ConditionalGrainStorage
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configureOptions);
        ArgumentNullException.ThrowIfNull(create);
        var services = builder.Services;
        configureOptions(services.AddOptions<TOptions>(name).ValidateOnStart());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        // Typed as the concrete class so Orleans sees a lifecycle participant and subscribes it.
        services.AddGrainStorage(name, (sp, providerName) => create(
            sp,
            providerName,
            sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(providerName),
            sp.GetKeyedService<IGrainStorageSerializer>(providerName) ?? sp.GetRequiredService<IGrainStorageSerializer>(),
            sp.GetRequiredService<IActivatorProvider>()));
        return builder;
    }
}
