using Microsoft.Extensions.Options;
using Polly;
using Statecraft.Grains.Games;

namespace Statecraft.Grains.Hosting;

/// <summary>
/// The retry for a store write that fails with a transient error, built once per silo and shared by every game: a
/// few quick attempts with jittered backoff, then the command is refused (<c>GameStorageUnavailableException</c>)
/// and can be retried with the same command id. Argument and state errors are programming errors, never retried.
/// </summary>
public sealed class GameStoreRetry(IOptions<GameGrainOptions> options)
{
    /// <summary>The pipeline.</summary>
    public ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new Polly.Retry.RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.Value.StoreWriteAttempts - 1),
            Delay = TimeSpan.FromMilliseconds(25),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not (ArgumentException or OperationCanceledException or InvalidOperationException)),
        })
        .Build();
}
