using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Statecraft.Benchmarks.Peers;

/// <summary>The latency tail split by where it is measured: inside the grain (decide, encode, store, answer) and the store call alone.</summary>
internal sealed record Breakdown(double GrainP50, double GrainP99, double StoreAppendP50, double StoreAppendP99, int StoreAppends);

/// <summary>
/// Listens to the silo's own histograms while a window runs: <c>statecraft.command.duration</c> (recorded by the game
/// grain from the command's arrival to its answer) and <c>statecraft.store.operation.duration</c> for commits (appends
/// with events: the store call: the Redis request or the SQLite transaction). What the client sees beyond the grain's time is Orleans
/// messaging, the grain's queue and the load driver's scheduling.
/// </summary>
internal sealed class LatencyBreakdown : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<double> _grain = new();
    private readonly ConcurrentQueue<double> _appends = new();

    public LatencyBreakdown()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name is "statecraft.command.duration" or "statecraft.store.operation.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, seconds, tags, _) =>
        {
            if (instrument.Name == "statecraft.command.duration")
            {
                _grain.Enqueue(seconds * 1000);
                return;
            }

            foreach (var tag in tags)
            {
                if (tag is { Key: "operation", Value: "commit" })
                {
                    _appends.Enqueue(seconds * 1000);
                }
            }
        });
        _listener.Start();
    }

    public Breakdown Summary()
    {
        var grain = _grain.Order().ToArray();
        var appends = _appends.Order().ToArray();
        return new Breakdown(SortedPercentile.At(grain, 0.5), SortedPercentile.At(grain, 0.99), SortedPercentile.At(appends, 0.5), SortedPercentile.At(appends, 0.99), appends.Length);
    }

    public void Dispose() => _listener.Dispose();
}
