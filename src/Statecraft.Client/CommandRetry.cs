using Polly;
using Statecraft.Abstractions.Flags;

namespace Statecraft.Client;

/// <summary>
/// Retries a call that failed in transit (timeout, dead gateway, silo shutting down, storage briefly unavailable).
/// Safe for commands because every attempt carries the same command id and the game applies an id at most once.
/// </summary>
internal static class CommandRetry
{
    public static ResiliencePipeline Build(int attempts) => attempts <= 1
        ? ResiliencePipeline.Empty
        : new ResiliencePipelineBuilder()
            .AddRetry(new Polly.Retry.RetryStrategyOptions
            {
                MaxRetryAttempts = attempts - 1,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            })
            .Build();

    private static bool IsTransient(Exception exception) => exception switch
    {
        ArgumentException or InvalidFlagChangeException or OperationCanceledException => false,
        TimeoutException or Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException => true,
        Abstractions.Grains.GameStorageUnavailableException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };
}
