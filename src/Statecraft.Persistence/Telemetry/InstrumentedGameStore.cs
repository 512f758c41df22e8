using System.Diagnostics;
using System.Diagnostics.Metrics;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;

namespace Statecraft.Persistence.Telemetry;

/// <summary>
/// Wraps a store and records every operation's duration on <c>statecraft.store.operation.duration</c>, tagged with
/// the store, the operation and whether it succeeded, so dashboards can show storage latency per backend; failures
/// are also counted by kind (<see cref="StoreErrors"/>). An append is a <c>commit</c> when it carries events and a
/// <c>snapshot</c> when it stores only a snapshot (catch-up, deactivation, snapshot-only persistence).
/// </summary>
public sealed class InstrumentedGameStore(IGameStore inner) : IGameStore, IAsyncDisposable
{
    private static Meter Meter => StatecraftMeter.Instance;

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "statecraft.store.operation.duration", unit: "s", description: "Duration of game store operations.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    /// <summary>The wrapped store.</summary>
    public IGameStore Inner => inner;

    /// <inheritdoc />
    public string Name => inner.Name;

    /// <inheritdoc />
    public ValueTask InitializeAsync(CancellationToken cancellationToken = default) => Measure("initialize", () => inner.InitializeAsync(cancellationToken));

    /// <inheritdoc />
    public ValueTask PingAsync(CancellationToken cancellationToken = default) => Measure("ping", () => inner.PingAsync(cancellationToken));

    /// <inheritdoc />
    public ValueTask<StoredGame?> LoadAsync(string gameId, long? snapshotBeforeVersion = null, CancellationToken cancellationToken = default) =>
        Measure("load", () => inner.LoadAsync(gameId, snapshotBeforeVersion, cancellationToken));

    /// <inheritdoc />
    public ValueTask<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default) =>
        Measure(request is { Events.Count: 0, Snapshot: not null } ? "snapshot" : "commit", () => inner.AppendAsync(request, cancellationToken));

    /// <inheritdoc />
    public ValueTask<EventPage> ReadEventsAsync(string gameId, long fromVersion, long toVersion, int maxCount, CancellationToken cancellationToken = default) =>
        Measure("read_events", () => inner.ReadEventsAsync(gameId, fromVersion, toVersion, maxCount, cancellationToken));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<long>> ListSnapshotVersionsAsync(string gameId, CancellationToken cancellationToken = default) =>
        Measure("list_snapshots", () => inner.ListSnapshotVersionsAsync(gameId, cancellationToken));

    /// <inheritdoc />
    public ValueTask<GamePage> ListGamesAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken = default) =>
        Measure("list_games", () => inner.ListGamesAsync(continuationToken, pageSize, cancellationToken));

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(string gameId, CancellationToken cancellationToken = default) =>
        Measure("delete", () => inner.DeleteAsync(gameId, cancellationToken));

    /// <inheritdoc />
    public ValueTask<int> PruneSnapshotsAsync(string gameId, int keep, CancellationToken cancellationToken = default) =>
        Measure("prune", () => inner.PruneSnapshotsAsync(gameId, keep, cancellationToken));

    /// <inheritdoc />
    public ValueTask<long> CompactAsync(string gameId, CancellationToken cancellationToken = default) =>
        Measure("compact", () => inner.CompactAsync(gameId, cancellationToken));

    /// <inheritdoc />
    public ValueTask<RetentionReport> ApplyRetentionAsync(DateTimeOffset now, RetentionPolicy policy, CancellationToken cancellationToken = default) =>
        Measure("retention", () => inner.ApplyRetentionAsync(now, policy, cancellationToken));

    /// <inheritdoc />
    public ValueTask<StoreUsage> MeasureUsageAsync(CancellationToken cancellationToken = default) =>
        Measure("usage", () => inner.MeasureUsageAsync(cancellationToken));

    /// <inheritdoc />
    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

    private async ValueTask<T> Measure<T>(string operation, Func<ValueTask<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = StartActivity(operation);
        var outcome = "error";
        try
        {
            var result = await call().ConfigureAwait(false);
            outcome = "ok";
            if (result is AppendResult { Status: AppendStatus.Conflict })
            {
                // Not a failure of the store, but two writers on one game: after a failover or in a partition.
                StoreErrors.Record(inner.Name, operation, StoreErrorKind.Conflict);
            }

            return result;
        }
        catch (Exception exception)
        {
            StoreErrors.Record(inner.Name, operation, StoreErrors.Classify(exception));
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
        finally
        {
            Record(operation, outcome, started);
        }
    }

    private async ValueTask Measure(string operation, Func<ValueTask> call)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = StartActivity(operation);
        var outcome = "error";
        try
        {
            await call().ConfigureAwait(false);
            outcome = "ok";
        }
        catch (Exception exception)
        {
            StoreErrors.Record(inner.Name, operation, StoreErrors.Classify(exception));
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
        finally
        {
            Record(operation, outcome, started);
        }
    }

    private Activity? StartActivity(string operation)
    {
        var activity = StatecraftTracing.Source.StartActivity($"store {operation}", ActivityKind.Client);
        activity?.SetTag("db.system.name", inner.Name);
        activity?.SetTag("db.operation.name", operation);
        return activity;
    }

    private void Record(string operation, string outcome, long started) =>
        Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new TagList { { "store", inner.Name }, { "operation", operation }, { "outcome", outcome } });
}
