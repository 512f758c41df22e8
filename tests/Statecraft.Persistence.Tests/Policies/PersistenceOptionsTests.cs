using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Statecraft.Persistence.Policies;

namespace Statecraft.Persistence.Tests.Policies;

public sealed class PersistenceOptionsTests
{
    private static PersistenceOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"Statecraft:Persistence:{s.Key}", s.Value)))
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddStatecraftPersistence(configuration).AddInMemoryGameStore().BuildServiceProvider();
        return provider.GetRequiredService<IOptions<PersistenceOptions>>().Value;
    }

    [Fact]
    public void Defaults_are_the_production_values_of_the_reference_system()
    {
        var options = Bind();
        Assert.Equal(PersistenceStrategy.Hybrid, options.Strategy);
        Assert.Equal(100, options.SnapshotEveryEvents);
        Assert.Equal(TimeSpan.FromMinutes(5), options.SnapshotInterval);
        Assert.Equal(5, options.SnapshotsToKeep);
        Assert.Equal(1_000, options.CompactAfterEvents);
        Assert.Equal(TimeSpan.FromDays(7), options.FinishedSnapshotRetention);
        Assert.Equal(TimeSpan.FromDays(30), options.FinishedGameRetention);
        Assert.True(options.Compression);
        Assert.Equal(500, options.GameCacheSize);
    }

    [Fact]
    public void The_production_preset_equals_the_defaults()
    {
        var preset = new PersistenceOptions();
        Assert.True(PersistencePresets.TryApply("Production", preset));
        Assert.Equivalent(new PersistenceOptions(), preset, strict: true);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    [InlineData("HighDurability")]
    [InlineData("LowLatency")]
    public void Every_preset_is_valid(string name)
    {
        var options = new PersistenceOptions { Preset = name };
        Assert.True(PersistencePresets.TryApply(name, options));
        Assert.True(new PersistenceOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_preset_is_applied_first_and_explicit_keys_override_it()
    {
        var options = Bind(("Preset", "HighDurability"), ("SnapshotsToKeep", "3"), ("Strategy", "EventSourced"));
        Assert.Equal(50, options.SnapshotEveryEvents);
        Assert.Equal(TimeSpan.FromDays(90), options.FinishedGameRetention);
        Assert.Equal(3, options.SnapshotsToKeep);
        Assert.Equal(PersistenceStrategy.EventSourced, options.Strategy);
    }

    [Theory]
    [InlineData("Preset", "Fastest", "Preset 'Fastest' is unknown")]
    [InlineData("SnapshotEveryEvents", "0", "SnapshotEveryEvents must be at least 1")]
    [InlineData("SnapshotInterval", "00:00:00", "SnapshotInterval must be positive")]
    [InlineData("SnapshotsToKeep", "0", "SnapshotsToKeep must be at least 1")]
    [InlineData("FinishedSnapshotRetention", "40.00:00:00", "must not exceed FinishedGameRetention")]
    [InlineData("GameCacheSize", "-1", "GameCacheSize must be at least 1")]
    public void Bad_settings_fail_with_a_message_naming_the_key(string key, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind((key, value)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("Statecraft:Persistence:", error.Message, StringComparison.Ordinal);
    }
}
