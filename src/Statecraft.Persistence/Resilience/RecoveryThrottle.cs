using Statecraft.Persistence.Telemetry;

namespace Statecraft.Persistence.Resilience;

/// <summary>
/// At most <see cref="ResilienceOptions.MaxConcurrentRecoveries"/> game loads per silo at once; the rest wait in
/// line, each for at most <see cref="ResilienceOptions.RecoveryQueueTimeout"/>. A failover or restart that activates
/// thousands of games then reaches the store at a pace it can take. Thread-safe.
/// </summary>
public sealed class RecoveryThrottle : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _queueTimeout;

    /// <summary>Creates the throttle.</summary>
    public RecoveryThrottle(int maxConcurrent, TimeSpan queueTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrent, 1);
        MaxConcurrent = maxConcurrent;
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _queueTimeout = queueTimeout;
    }

    /// <summary>Loads in progress now.</summary>
    public int InProgress => MaxConcurrent - _slots.CurrentCount;

    /// <summary>The most loads at once.</summary>
    public int MaxConcurrent { get; }

    /// <summary>Waits for a slot; dispose the lease to free it.</summary>
    /// <exception cref="StoreCallRejectedException">No slot freed up within the queue timeout.</exception>
    public async ValueTask<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            ResilienceMetrics.RecoveriesQueued.Add(1);
            try
            {
                if (!await _slots.WaitAsync(_queueTimeout, cancellationToken).ConfigureAwait(false))
                {
                    ResilienceMetrics.Rejected(StoreRejection.RecoveryQueueFull);
                    throw new StoreCallRejectedException(StoreRejection.RecoveryQueueFull,
                        $"The game waited {_queueTimeout.TotalSeconds:0.#} s for one of the silo's recovery slots; the silo is busy loading other games. Retry shortly.");
                }
            }
            finally
            {
                ResilienceMetrics.RecoveriesQueued.Add(-1);
            }
        }

        return new Lease(_slots);
    }

    /// <summary>Frees the slots' handle.</summary>
    public void Dispose() => _slots.Dispose();

    /// <summary>A held recovery slot.</summary>
    public readonly struct Lease(SemaphoreSlim slots) : IDisposable
    {
        /// <summary>Frees the slot.</summary>
        public void Dispose() => slots?.Release();
    }
}
