using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Statecraft.Persistence.Codec;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Telemetry;

namespace Statecraft.Persistence.Resilience;

/// <summary>
/// The one circuit breaker of a silo around its game store, with the per-call timeout inside it and a short retry of
/// quick transient failures outside it (Polly; no hand-written state machine). A frozen store is noticed after
/// <see cref="ResilienceOptions.StoreCallTimeout"/>, and once the circuit is open every call is refused at once with
/// <see cref="StoreCallRejectedException"/> until a trial call finds the store back.
/// </summary>
public sealed partial class StoreCircuit : IDisposable
{
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger _logger;

    /// <summary>Builds the circuit for the store named <paramref name="storeName"/>.</summary>
    /// <param name="storeName">The store's name, the <c>store</c> tag of the metrics.</param>
    /// <param name="options">Timeout and breaker settings (validated).</param>
    /// <param name="writeAttempts">Attempts for a call that fails quickly with a transient error (1 = no retry).</param>
    /// <param name="time">The clock (tests use a fake one).</param>
    /// <param name="logger">Logs transitions.</param>
    public StoreCircuit(string storeName, ResilienceOptions options, int writeAttempts, TimeProvider? time = null, ILogger<StoreCircuit>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeName);
        ArgumentNullException.ThrowIfNull(options);
        StoreName = storeName;
        _logger = logger ?? NullLogger<StoreCircuit>.Instance;
        var builder = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System };
        if (writeAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = writeAttempts - 1,
                Delay = TimeSpan.FromMilliseconds(25),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // A timed-out call is not retried: the store is slow or frozen, and a retry would only double the wait
                // before the breaker learns of it. An open circuit is not retried either; that is its point.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => IsStoreFailure(e) && e is not (TimeoutRejectedException or BrokenCircuitException)),
            });
        }

        _pipeline = builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                StateProvider = _state,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsStoreFailure),
                OnOpened = args => Transition("open", args.Outcome.Exception),
                OnHalfOpened = _ => Transition("half_open", null),
                OnClosed = _ => Transition("closed", null),
            })
            .AddTimeout(options.StoreCallTimeout)
            .Build();
        ResilienceMetrics.Register(this);
    }

    /// <summary>The store's name.</summary>
    public string StoreName { get; }

    /// <summary>The breaker's state.</summary>
    public CircuitState State => _state.CircuitState;

    /// <summary>True while calls are refused without reaching the store (open, or isolated by hand).</summary>
    public bool IsOpen => State is CircuitState.Open or CircuitState.Isolated;

    /// <summary>The state as the metric reports it: 0 closed, 1 half-open, 2 open.</summary>
    public int StateCode => State switch
    {
        CircuitState.Closed => 0,
        CircuitState.HalfOpen => 1,
        _ => 2,
    };

    /// <summary>
    /// Runs one store call through the retry, the breaker and the timeout.
    /// </summary>
    /// <exception cref="StoreCallRejectedException">The circuit is open; the store was not called.</exception>
    /// <exception cref="TimeoutRejectedException">The call took longer than the per-call timeout (counted as a failure).</exception>
    public async ValueTask<TResult> ExecuteAsync<TState, TResult>(Func<TState, CancellationToken, ValueTask<TResult>> call, TState state, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(call, state, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException exception)
        {
            ResilienceMetrics.Rejected(StoreRejection.CircuitOpen);
            throw new StoreCallRejectedException(StoreRejection.CircuitOpen,
                $"The {StoreName} game store's circuit is open after repeated failures; the store was not called. Retry in a few seconds.", exception);
        }
        catch (TimeoutRejectedException)
        {
            ResilienceMetrics.TimedOut();
            throw;
        }
    }

    /// <summary>Unregisters the circuit from the metrics.</summary>
    public void Dispose() => ResilienceMetrics.Unregister(this);

    /// <summary>
    /// Failures of the store itself count; a programming error, damaged data (the store answered, the data is bad) or
    /// the caller's own cancellation does not.
    /// </summary>
    private static bool IsStoreFailure(Exception exception) =>
        exception is not (ArgumentException or GameRecoveryException or CorruptRecordException or UnknownRecordTypeException or OperationCanceledException);

    private ValueTask Transition(string to, Exception? cause)
    {
        ResilienceMetrics.CircuitTransitions.Add(1, new KeyValuePair<string, object?>("store", StoreName), new KeyValuePair<string, object?>("to", to));
        if (to == "open")
        {
            LogOpened(cause, StoreName);
        }
        else
        {
            LogTransition(StoreName, to);
        }

        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "The {Store} game store's circuit opened: store calls are refused until a trial call succeeds")]
    private partial void LogOpened(Exception? exception, string store);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "The {Store} game store's circuit is now {State}")]
    private partial void LogTransition(string store, string state);
}
