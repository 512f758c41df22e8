using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using Statecraft.Persistence.Telemetry;

namespace Statecraft.Grains.Operations;

/// <summary>
/// This silo's game recoveries since it started, by outcome, read from the same counter Prometheus scrapes
/// (<c>statecraft_recoveries_total</c>) so the silo report and <c>/metrics</c> cannot disagree.
/// </summary>
public sealed class RecoveryTally : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _byOutcome = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();

    /// <summary>Starts listening.</summary>
    public RecoveryTally()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument, JournalMetrics.Recoveries))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var outcome = "unknown";
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome" && tag.Value is not null)
                {
                    outcome = tag.Value.ToString()!;
                }
            }

            _byOutcome.AddOrUpdate(outcome, value, (_, total) => total + value);
        });
        _listener.Start();
    }

    /// <summary>The counts so far.</summary>
    public ImmutableSortedDictionary<string, long> ByOutcome() => _byOutcome.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
