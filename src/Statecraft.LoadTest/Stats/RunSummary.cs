namespace Statecraft.LoadTest.Stats;

/// <summary>What one run measured, after its warmup: counts, rates over the measured window, and latency percentiles.</summary>
internal sealed record RunSummary
{
    /// <summary>The run's name in reports, for example <c>persistence ON</c>.</summary>
    public required string Label { get; init; }

    /// <summary>The measured window the rates are computed over.</summary>
    public required TimeSpan Window { get; init; }

    /// <summary>True when the run was stopped early (Ctrl-C).</summary>
    public bool Cancelled { get; init; }

    /// <summary>Slots of the timetable that came due in the window.</summary>
    public long Scheduled { get; init; }

    /// <summary>Slots not sent because every table was busy: the sign of saturation.</summary>
    public long Dropped { get; init; }

    /// <summary>Commands sent.</summary>
    public long Sent { get; init; }

    /// <summary>Commands accepted with their effects stored.</summary>
    public long AcceptedDurable { get; init; }

    /// <summary>Commands accepted with persistence off.</summary>
    public long AcceptedMemoryOnly { get; init; }

    /// <summary>Commands the rules refused.</summary>
    public long Rejected { get; init; }

    /// <summary>Refusals by rejection code, most frequent first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> RejectedByCode { get; init; } = [];

    /// <summary>Commands that failed with an exception.</summary>
    public long Errors { get; init; }

    /// <summary>Failures by exception type, most frequent first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> ErrorsByType { get; init; } = [];

    /// <summary>Commands not sent because their table had no legal move (a game stuck outside play).</summary>
    public long Skipped { get; init; }

    /// <summary>Games set up and started during the window.</summary>
    public long GamesStarted { get; init; }

    /// <summary>Games played to their end during the window.</summary>
    public long GamesFinished { get; init; }

    /// <summary>Failed calls besides the measured moves (game set-up, view refresh) by reason, most frequent first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> SupportFailures { get; init; } = [];

    /// <summary>Median latency.</summary>
    public TimeSpan P50 { get; init; }

    /// <summary>95th percentile latency.</summary>
    public TimeSpan P95 { get; init; }

    /// <summary>99th percentile latency.</summary>
    public TimeSpan P99 { get; init; }

    /// <summary>Largest latency.</summary>
    public TimeSpan Max { get; init; }

    /// <summary>All accepted commands.</summary>
    public long Accepted => AcceptedDurable + AcceptedMemoryOnly;

    /// <summary>Sent commands with no answer yet when the run ended.</summary>
    public long Unfinished => Math.Max(0, Sent - Accepted - Rejected - Errors - Skipped);

    /// <summary>Target rate the timetable asked for, in commands per second (slots due over the window).</summary>
    public double ScheduledPerSecond => PerSecond(Scheduled);

    /// <summary>Commands sent per second.</summary>
    public double SentPerSecond => PerSecond(Sent);

    /// <summary>Throughput achieved: accepted commands per second.</summary>
    public double AcceptedPerSecond => PerSecond(Accepted);

    private double PerSecond(long count) => Window > TimeSpan.Zero ? count / Window.TotalSeconds : 0;
}
