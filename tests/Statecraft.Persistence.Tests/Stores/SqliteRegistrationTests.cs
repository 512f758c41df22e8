using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Statecraft.Persistence.Sqlite;
using Statecraft.Persistence.Stores;
using Statecraft.Persistence.Telemetry;

namespace Statecraft.Persistence.Tests.Stores;

public sealed class SqliteRegistrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"statecraft-di-{Guid.NewGuid():N}");

    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddStatecraftPersistence(configuration).AddSqliteGameStore(configuration).BuildServiceProvider();
    }

    [Fact]
    public async Task The_configured_file_backs_an_instrumented_store()
    {
        var path = Path.Combine(_directory, "games.db");
        await using var provider = Build(("Statecraft:Sqlite:DataSource", path), ("Statecraft:Sqlite:Synchronous", "Full"));
        var store = provider.GetRequiredService<IGameStore>();
        var inner = Assert.IsType<SqliteGameStore>(Assert.IsType<InstrumentedGameStore>(store).Inner);
        Assert.Equal(path, inner.DatabasePath);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task An_invalid_setting_is_reported_with_its_key()
    {
        await using var provider = Build(("Statecraft:Sqlite:DataSource", ":memory:"));
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value);
        Assert.Contains("DataSource", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
