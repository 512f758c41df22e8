using Polly;
using Statecraft.Abstractions.Flags;
using Statecraft.Abstractions.Grains;

namespace Statecraft.Client;

/// <summary>
/// Retries a call that failed in transit (timeout, dead gateway, silo shutting down, an activation the runtime
/// cancelled, a store write or load that failed once). Safe for commands because every attempt carries the same
/// command id and the game applies an id at most once. Not retried: the caller's own cancellation, bad input, and a
/// silo that refuses store calls on purpose (open circuit, full degraded backlog) — retrying at once would only add
/// load, so the frontend gets the typed answer fast.
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
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } exception && IsTransient(exception, args.Context.CancellationToken)),
            })
            .Build();

    /// <summary>Whether <paramref name="exception"/> is worth another attempt; <paramref name="caller"/> is the caller's token.</summary>
    internal static bool IsTransient(Exception exception, CancellationToken caller) => exception switch
    {
        ArgumentException or InvalidFlagChangeException or GameRequestRefusedException => false,
        GameStorageUnavailableException unavailable => unavailable.IsWorthRetryingNow,
        // Cancelled by the runtime (an activation that timed out while the store was frozen), not by the caller.
        OperationCanceledException => !caller.IsCancellationRequested,
        TimeoutException or Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner, caller),
    };
}
