using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.Client;

namespace Statecraft.Grains.Tests.Client;

/// <summary>What the client library retries: failures in transit and one-off store failures, never bad input or a silo refusing on purpose.</summary>
public sealed class CommandRetryTests
{
    [Theory]
    [InlineData(StorageUnavailableReason.WriteFailed, true)]
    [InlineData(StorageUnavailableReason.LoadFailed, true)]
    [InlineData(StorageUnavailableReason.RecoveryQueueFull, true)]
    [InlineData(StorageUnavailableReason.CircuitOpen, false)]
    [InlineData(StorageUnavailableReason.DegradedBacklogFull, false)]
    public void Storage_refusals_are_retried_only_when_an_immediate_retry_can_succeed(StorageUnavailableReason reason, bool retried)
    {
        var exception = GameStorageUnavailableException.For("game-1", new IOException("down"), reason);

        Assert.Equal(retried, CommandRetry.IsTransient(exception, CancellationToken.None));
        Assert.DoesNotContain("IOException", exception.InnerException?.GetType().Name ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("IOException: down", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_activation_cancelled_by_the_runtime_is_retried_but_the_callers_own_cancellation_is_not()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.True(CommandRetry.IsTransient(new TaskCanceledException(), CancellationToken.None));
        Assert.False(CommandRetry.IsTransient(new TaskCanceledException(), cancelled.Token));
    }

    [Fact]
    public void Bad_input_is_never_retried()
    {
        Assert.False(CommandRetry.IsTransient(new GameRequestRefusedException(new Rejection(RejectionCode.InvalidGameId, "bad")), CancellationToken.None));
        Assert.False(CommandRetry.IsTransient(new ArgumentException("bad"), CancellationToken.None));
        Assert.True(CommandRetry.IsTransient(new TimeoutException(), CancellationToken.None));
    }
}
