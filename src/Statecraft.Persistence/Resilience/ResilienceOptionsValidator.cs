using Microsoft.Extensions.Options;

namespace Statecraft.Persistence.Resilience;

/// <summary>Rejects <see cref="ResilienceOptions"/> that would disable the protection or break Polly's own limits, naming the key.</summary>
public sealed class ResilienceOptionsValidator : IValidateOptions<ResilienceOptions>
{
    private const string Section = ResilienceOptions.SectionName;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Require(options.StoreCallTimeout >= TimeSpan.FromMilliseconds(50) && options.StoreCallTimeout <= TimeSpan.FromSeconds(30),
            $"{Section}:StoreCallTimeout must be from 50 ms to 30 s (was {options.StoreCallTimeout}).", failures);
        Require(options.FailureRatio is > 0 and <= 1,
            $"{Section}:FailureRatio must be above 0 and at most 1 (was {options.FailureRatio}).", failures);
        Require(options.MinimumThroughput >= 2,
            $"{Section}:MinimumThroughput must be at least 2 (was {options.MinimumThroughput}).", failures);
        Require(options.SamplingDuration >= TimeSpan.FromMilliseconds(500) && options.SamplingDuration <= TimeSpan.FromMinutes(5),
            $"{Section}:SamplingDuration must be from 500 ms to 5 minutes (was {options.SamplingDuration}).", failures);
        Require(options.BreakDuration >= TimeSpan.FromMilliseconds(500) && options.BreakDuration <= TimeSpan.FromMinutes(5),
            $"{Section}:BreakDuration must be from 500 ms to 5 minutes (was {options.BreakDuration}).", failures);
        Require(Enum.IsDefined(options.OnStoreOutage),
            $"{Section}:OnStoreOutage '{options.OnStoreOutage}' is unknown; use {string.Join(" or ", Enum.GetNames<OnStoreOutage>())}.", failures);
        Require(options.MaxDegradedGames is >= 1 and <= 1_000_000,
            $"{Section}:MaxDegradedGames must be 1 to 1,000,000 (was {options.MaxDegradedGames}).", failures);
        Require(options.MaxDegradedEventsPerGame is >= 1 and <= 100_000,
            $"{Section}:MaxDegradedEventsPerGame must be 1 to 100,000 (was {options.MaxDegradedEventsPerGame}).", failures);
        Require(options.CatchUpInterval >= TimeSpan.FromMilliseconds(100) && options.CatchUpInterval <= TimeSpan.FromMinutes(1),
            $"{Section}:CatchUpInterval must be from 100 ms to 1 minute (was {options.CatchUpInterval}).", failures);
        Require(options.MaxConcurrentRecoveries is >= 1 and <= 10_000,
            $"{Section}:MaxConcurrentRecoveries must be 1 to 10,000 (was {options.MaxConcurrentRecoveries}).", failures);
        Require(options.RecoveryQueueTimeout >= TimeSpan.FromMilliseconds(100) && options.RecoveryQueueTimeout <= TimeSpan.FromMinutes(5),
            $"{Section}:RecoveryQueueTimeout must be from 100 ms to 5 minutes (was {options.RecoveryQueueTimeout}).", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Require(bool condition, string failure, List<string> failures)
    {
        if (!condition)
        {
            failures.Add(failure);
        }
    }
}
