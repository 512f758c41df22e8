using Microsoft.Extensions.Options;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Statecraft.Providers.Sqlite;

namespace Statecraft.Providers.Tests;

public sealed class SqliteProviderOptionsTests
{
    private readonly SqliteProviderOptionsValidator _validator = new();

    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new SqliteProviderOptions();

        Assert.Equal("data/orleans.db", options.DataSource);
        Assert.True(_validator.Validate(Options.DefaultName, options).Succeeded);
    }

    [Theory]
    [InlineData("", "DataSource must be the path")]
    [InlineData("   ", "DataSource must be the path")]
    [InlineData(":memory:", "in-memory")]
    [InlineData("file:x?mode=memory", "in-memory")]
    public void A_data_source_that_is_not_a_file_is_rejected(string dataSource, string expected)
    {
        var result = _validator.Validate("flags", new SqliteProviderOptions { DataSource = dataSource });

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.Contains("'flags'", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_busy_timeout_that_is_not_positive_is_rejected(int seconds)
    {
        var result = _validator.Validate(Options.DefaultName, new SqliteProviderOptions { BusyTimeout = TimeSpan.FromSeconds(seconds) });

        Assert.Contains("BusyTimeout must be positive", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void The_providers_refuse_invalid_options_when_constructed()
    {
        var invalid = new SqliteProviderOptions { DataSource = ":memory:" };

        Assert.Throws<OptionsValidationException>(() => new SqliteReminderTable(invalid));
        Assert.Throws<OptionsValidationException>(() => new SqliteGrainStorage("flags", invalid, new NullSerializer(), new NullActivators()));
    }

    private sealed class NullSerializer : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => throw new NotSupportedException();

        public T? Deserialize<T>(BinaryData input) => throw new NotSupportedException();
    }

    private sealed class NullActivators : IActivatorProvider
    {
        public Orleans.Serialization.Activators.IActivator<T> GetActivator<T>() => throw new NotSupportedException();
    }
}
