using System.Collections.Concurrent;
using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;

namespace Statecraft.LoadTest.Stats;

/// <summary>
/// Live counters for one phase of a run (warmup or measured), recorded from many commands at once. A slot of the
/// timetable is either dropped (no idle table: the cluster is saturated) or sent; a sent command ends accepted,
/// rejected, failed with an exception, or skipped (its table had no legal move to make).
/// </summary>
internal sealed class LoadStats
{
    private readonly ConcurrentDictionary<RejectionCode, long> _rejected = new();
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _supportFailures = new(StringComparer.Ordinal);
    private long _scheduled;
    private long _dropped;
    private long _sent;
    private long _durable;
    private long _memoryOnly;
    private long _rejectedTotal;
    private long _errorTotal;
    private long _skipped;
    private long _gamesStarted;
    private long _gamesFinished;

    /// <summary>Latency of every sent command that completed (accepted, rejected or failed), from its scheduled time.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Slots of the timetable that came due.</summary>
    public long Scheduled => Interlocked.Read(ref _scheduled);

    /// <summary>Slots that found every table busy and were not sent.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Commands sent.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Commands accepted, either durability.</summary>
    public long Accepted => Interlocked.Read(ref _durable) + Interlocked.Read(ref _memoryOnly);

    /// <summary>Commands that failed with an exception.</summary>
    public long Errors => Interlocked.Read(ref _errorTotal);

    /// <summary>Counts a slot that came due.</summary>
    public void RecordScheduled() => Interlocked.Increment(ref _scheduled);

    /// <summary>Counts a slot dropped because every table was busy.</summary>
    public void RecordDropped() => Interlocked.Increment(ref _dropped);

    /// <summary>Counts a command sent.</summary>
    public void RecordSent() => Interlocked.Increment(ref _sent);

    /// <summary>Counts an accepted command and its latency.</summary>
    public void RecordAccepted(Durability durability, TimeSpan latency)
    {
        Interlocked.Increment(ref durability == Durability.MemoryOnly ? ref _memoryOnly : ref _durable);
        Latency.Record(latency);
    }

    /// <summary>Counts a rejected command and its latency.</summary>
    public void RecordRejected(RejectionCode code, TimeSpan latency)
    {
        _rejected.AddOrUpdate(code, 1, static (_, count) => count + 1);
        Interlocked.Increment(ref _rejectedTotal);
        Latency.Record(latency);
    }

    /// <summary>Counts a command that failed with <paramref name="errorType"/> and how long it took to fail.</summary>
    public void RecordError(string errorType, TimeSpan latency)
    {
        _errors.AddOrUpdate(errorType, 1, static (_, count) => count + 1);
        Interlocked.Increment(ref _errorTotal);
        Latency.Record(latency);
    }

    /// <summary>Counts a command that was not sent to the cluster because its table had no move to make.</summary>
    public void RecordSkipped() => Interlocked.Increment(ref _skipped);

    /// <summary>Counts a game set up and started.</summary>
    public void RecordGameStarted() => Interlocked.Increment(ref _gamesStarted);

    /// <summary>Counts a game played to its end.</summary>
    public void RecordGameFinished() => Interlocked.Increment(ref _gamesFinished);

    /// <summary>Counts a failed call besides the measured moves: a game set-up step or a view refresh (a rejection code or an exception type).</summary>
    public void RecordSupportFailure(string reason) => _supportFailures.AddOrUpdate(reason, 1, static (_, count) => count + 1);

    /// <summary>The counters now, summarised over a measured window of <paramref name="window"/>.</summary>
    public RunSummary Summarize(string label, TimeSpan window, bool cancelled) => new()
    {
        Label = label,
        Window = window,
        Cancelled = cancelled,
        Scheduled = Scheduled,
        Dropped = Dropped,
        Sent = Sent,
        AcceptedDurable = Interlocked.Read(ref _durable),
        AcceptedMemoryOnly = Interlocked.Read(ref _memoryOnly),
        Rejected = Interlocked.Read(ref _rejectedTotal),
        RejectedByCode = Sorted(_rejected.Select(pair => KeyValuePair.Create(pair.Key.ToString(), pair.Value))),
        Errors = Errors,
        ErrorsByType = Sorted(_errors),
        Skipped = Interlocked.Read(ref _skipped),
        GamesStarted = Interlocked.Read(ref _gamesStarted),
        GamesFinished = Interlocked.Read(ref _gamesFinished),
        SupportFailures = Sorted(_supportFailures),
        P50 = Latency.Percentile(50),
        P95 = Latency.Percentile(95),
        P99 = Latency.Percentile(99),
        Max = Latency.Max,
    };

    private static IReadOnlyList<KeyValuePair<string, long>> Sorted(IEnumerable<KeyValuePair<string, long>> counts) =>
        [.. counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)];
}
