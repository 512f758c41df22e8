using Statecraft.LoadTest.Options;

namespace Statecraft.LoadTest.Tests.Options;

public sealed class LoadTestOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_match_the_documented_ones()
    {
        var options = new LoadTestOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(100, options.Games);
        Assert.Equal(500, options.Rate);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Duration);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Warmup);
        Assert.Equal(RulesetMix.Mixed, options.Ruleset);
        Assert.Equal(30000, options.GatewayPort);
        Assert.False(options.ComparePersistence);
    }

    [Fact]
    public void Zero_warmup_is_allowed()
    {
        Assert.Empty((new LoadTestOptions { Warmup = TimeSpan.Zero }).Validate());
    }

    [Theory]
    [InlineData(0, 500, 30, 5, 30000, "--games")]
    [InlineData(100_001, 500, 30, 5, 30000, "--games")]
    [InlineData(10, 0, 30, 5, 30000, "--rate")]
    [InlineData(10, -3, 30, 5, 30000, "--rate")]
    [InlineData(10, double.NaN, 30, 5, 30000, "--rate")]
    [InlineData(10, 500, 0.5, 5, 30000, "--duration")]
    [InlineData(10, 500, 30, -1, 30000, "--warmup")]
    [InlineData(10, 500, 30, 5, 0, "--gateway-port")]
    [InlineData(10, 500, 30, 5, 70000, "--gateway-port")]
    [InlineData(10, 0.5, 1, 0, 30000, "schedules no command")]
    public void Each_bad_value_is_named(int games, double rate, double durationSeconds, double warmupSeconds, int port, string named)
    {
        var options = new LoadTestOptions
        {
            Games = games,
            Rate = rate,
            Duration = TimeSpan.FromSeconds(durationSeconds),
            Warmup = TimeSpan.FromSeconds(warmupSeconds),
            GatewayPort = port,
        };

        var problem = Assert.Single(options.Validate());
        Assert.Contains(named, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void All_problems_are_reported_together()
    {
        var options = new LoadTestOptions { Games = 0, Rate = -1, GatewayPort = 0 };

        Assert.Equal(3, options.Validate().Count);
    }
}
