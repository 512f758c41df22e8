using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using Statecraft.Providers.Sqlite;

namespace Statecraft.Providers.Tests;

/// <summary>What the silo builder extensions put in the container, resolved without starting a silo.</summary>
public sealed class SqliteProvidersRegistrationTests
{
    [Fact]
    public void The_reminder_table_and_each_named_storage_get_their_own_options()
    {
        using var services = Build(builder => builder
            .UseSqliteReminderService(options => options.DataSource = "reminders.db")
            .AddSqliteGrainStorage("flags", options => options.DataSource = "flags.db")
            .AddSqliteGrainStorage("games", options => options.DataSource = "games.db"));

        Assert.Equal(Path.GetFullPath("reminders.db"), Assert.IsType<SqliteReminderTable>(services.GetRequiredService<IReminderTable>()).DatabasePath);
        Assert.Equal(Path.GetFullPath("flags.db"), Storage(services, "flags").DatabasePath);
        Assert.Equal(Path.GetFullPath("games.db"), Storage(services, "games").DatabasePath);
    }

    [Fact]
    public void Storages_join_the_silo_lifecycle_so_the_schema_exists_before_grains_activate()
    {
        using var services = Build(builder => builder.AddSqliteGrainStorage("flags", options => options.DataSource = "flags.db"));

        var participants = services.GetServices<ILifecycleParticipant<ISiloLifecycle>>();

        Assert.Contains(Storage(services, "flags"), participants);
    }

    [Fact]
    public void The_configuration_overloads_bind_the_providers_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Statecraft:Orleans:Sqlite:DataSource"] = "bound.db",
            ["Statecraft:Orleans:Sqlite:BusyTimeout"] = "00:00:30",
        }).Build();

        using var services = Build(builder => builder
            .UseSqliteReminderService(configuration)
            .AddSqliteGrainStorage("flags", configuration));

        Assert.Equal(TimeSpan.FromSeconds(30), services.GetRequiredService<IOptionsMonitor<SqliteProviderOptions>>().Get(Options.DefaultName).BusyTimeout);
        Assert.Equal(Path.GetFullPath("bound.db"), Assert.IsType<SqliteReminderTable>(services.GetRequiredService<IReminderTable>()).DatabasePath);
        Assert.Equal(Path.GetFullPath("bound.db"), Storage(services, "flags").DatabasePath);
    }

    [Fact]
    public void Invalid_options_fail_with_the_provider_name_in_the_message()
    {
        using var services = Build(builder => builder.AddSqliteGrainStorage("flags", options => options.BusyTimeout = TimeSpan.Zero));

        var failure = Assert.Throws<OptionsValidationException>(() => Storage(services, "flags"));

        Assert.Contains("Statecraft:Orleans:Sqlite ('flags'):BusyTimeout", failure.Message, StringComparison.Ordinal);
    }

    private static SqliteGrainStorage Storage(IServiceProvider services, string name) =>
        Assert.IsType<SqliteGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(name));

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
