using Statecraft.Persistence.Resilience;

namespace Statecraft.Grains.Tests.Games;

/// <summary>Outage settings that would disable the protection are refused at start, naming the key.</summary>
public sealed class ResilienceOptionsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new ResilienceOptionsValidator().Validate(null, new ResilienceOptions()).Succeeded);
    }

    [Theory]
    [InlineData(nameof(ResilienceOptions.StoreCallTimeout))]
    [InlineData(nameof(ResilienceOptions.FailureRatio))]
    [InlineData(nameof(ResilienceOptions.MinimumThroughput))]
    [InlineData(nameof(ResilienceOptions.SamplingDuration))]
    [InlineData(nameof(ResilienceOptions.BreakDuration))]
    [InlineData(nameof(ResilienceOptions.OnStoreOutage))]
    [InlineData(nameof(ResilienceOptions.MaxDegradedGames))]
    [InlineData(nameof(ResilienceOptions.MaxDegradedEventsPerGame))]
    [InlineData(nameof(ResilienceOptions.CatchUpInterval))]
    [InlineData(nameof(ResilienceOptions.MaxConcurrentRecoveries))]
    [InlineData(nameof(ResilienceOptions.RecoveryQueueTimeout))]
    public void A_value_out_of_range_is_refused_naming_the_key(string key)
    {
        var options = new ResilienceOptions();
        switch (key)
        {
            case nameof(ResilienceOptions.StoreCallTimeout):
                options.StoreCallTimeout = TimeSpan.Zero;
                break;
            case nameof(ResilienceOptions.FailureRatio):
                options.FailureRatio = 0;
                break;
            case nameof(ResilienceOptions.MinimumThroughput):
                options.MinimumThroughput = 1;
                break;
            case nameof(ResilienceOptions.SamplingDuration):
                options.SamplingDuration = TimeSpan.FromMilliseconds(10);
                break;
            case nameof(ResilienceOptions.BreakDuration):
                options.BreakDuration = TimeSpan.Zero;
                break;
            case nameof(ResilienceOptions.OnStoreOutage):
                options.OnStoreOutage = (OnStoreOutage)7;
                break;
            case nameof(ResilienceOptions.MaxDegradedGames):
                options.MaxDegradedGames = 0;
                break;
            case nameof(ResilienceOptions.MaxDegradedEventsPerGame):
                options.MaxDegradedEventsPerGame = 0;
                break;
            case nameof(ResilienceOptions.CatchUpInterval):
                options.CatchUpInterval = TimeSpan.Zero;
                break;
            case nameof(ResilienceOptions.MaxConcurrentRecoveries):
                options.MaxConcurrentRecoveries = 0;
                break;
            default:
                options.RecoveryQueueTimeout = TimeSpan.Zero;
                break;
        }

        var result = new ResilienceOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Statecraft:Resilience:{key}", result.FailureMessage, StringComparison.Ordinal);
    }
}
