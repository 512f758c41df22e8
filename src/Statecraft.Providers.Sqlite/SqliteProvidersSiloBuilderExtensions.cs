using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Statecraft.Providers.Sqlite;

/// <summary>Registers the SQLite reminder table and grain storage with a silo.</summary>
public static class SqliteProvidersSiloBuilderExtensions
{
    /// <summary>
    /// Enables reminders and keeps them in a SQLite file, so they survive a silo restart. The options are the unnamed
    /// <see cref="SqliteProviderOptions"/>, validated at start.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the file and timeouts.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, Action<SqliteProviderOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.RegisterReminderTable(options => options.Configure(configure));
    }

    /// <summary>
    /// Enables reminders and keeps them in a SQLite file, with <see cref="SqliteProviderOptions"/> bound from
    /// <see cref="SqliteProviderOptions.SectionName"/> of <paramref name="configuration"/>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configuration">The application's configuration root.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.RegisterReminderTable(options => options.Bind(configuration.GetSection(SqliteProviderOptions.SectionName)));
    }

    /// <summary>
    /// Adds a named grain storage provider kept in a SQLite file. The options are the <see cref="SqliteProviderOptions"/>
    /// named <paramref name="name"/>, validated at start. State is serialized by an <see cref="IGrainStorageSerializer"/>
    /// keyed to <paramref name="name"/> if one is registered, otherwise by the silo's default.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider name grains use, as in <c>[PersistentState("flags", "flags")]</c>.</param>
    /// <param name="configure">Sets the file and timeouts.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteProviderOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.RegisterGrainStorage(name, options => options.Configure(configure));
    }

    /// <summary>
    /// Adds a named grain storage provider kept in a SQLite file, with <see cref="SqliteProviderOptions"/> bound from
    /// <see cref="SqliteProviderOptions.SectionName"/> of <paramref name="configuration"/>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider name grains use, as in <c>[PersistentState("flags", "flags")]</c>.</param>
    /// <param name="configuration">The application's configuration root.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.RegisterGrainStorage(name, options => options.Bind(configuration.GetSection(SqliteProviderOptions.SectionName)));
    }

    private static ISiloBuilder RegisterReminderTable(this ISiloBuilder builder, Action<OptionsBuilder<SqliteProviderOptions>> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The reminder service itself; Orleans calls the table's StartAsync from it, which creates the schema.
        builder.AddReminders();
        var services = builder.Services;
        // Unnamed: grain storage names must not be empty, so the reminder options never collide with a provider's.
        configureOptions(services.AddOptions<SqliteProviderOptions>().ValidateOnStart());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteProviderOptions>, SqliteProviderOptionsValidator>());
        services.AddSingleton<IReminderTable>(sp => new SqliteReminderTable(
            sp.GetRequiredService<IOptionsMonitor<SqliteProviderOptions>>().Get(Options.DefaultName),
            sp.GetRequiredService<ILogger<SqliteReminderTable>>()));
        return builder;
    }

    private static ISiloBuilder RegisterGrainStorage(this ISiloBuilder builder, string name, Action<OptionsBuilder<SqliteProviderOptions>> configureOptions) =>
        builder.AddConditionalGrainStorage<SqliteGrainStorage, SqliteProviderOptions, SqliteProviderOptionsValidator>(
            name,
            configureOptions,
            static (sp, providerName, options, serializer, activators) =>
                new SqliteGrainStorage(providerName, options, serializer, activators, sp.GetRequiredService<ILogger<SqliteGrainStorage>>()));
}
