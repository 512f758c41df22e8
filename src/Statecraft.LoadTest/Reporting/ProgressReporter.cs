using Statecraft.LoadTest.Stats;

namespace Statecraft.LoadTest.Reporting;

/// <summary>
/// Prints the progress line once a second until disposed. <paramref name="current"/> says which phase's counters to
/// show (warmup or measured) and how many commands are in flight; rates are the difference from the previous second.
/// </summary>
internal sealed class ProgressReporter(ConsoleUi ui, TimeProvider time, Func<(LoadStats Stats, bool Warmup, int InFlight)> current) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>Starts printing.</summary>
    public void Start() => _loop = LoopAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        ui.EndProgress();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        var start = time.GetTimestamp();
        var last = start;
        LoadStats? lastStats = null;
        long lastSent = 0, lastAccepted = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var now = time.GetTimestamp();
                var (stats, warmup, inFlight) = current();
                if (!ReferenceEquals(stats, lastStats))
                {
                    // A new phase: its counters start from zero.
                    (lastStats, lastSent, lastAccepted) = (stats, 0, 0);
                }

                var (sent, accepted) = (stats.Sent, stats.Accepted);
                var (sentRate, acceptedRate) = ProgressLine.Rates(lastSent, sent, lastAccepted, accepted, time.GetElapsedTime(last, now));
                ui.Progress(new ProgressLine(time.GetElapsedTime(start, now), warmup, sentRate, acceptedRate,
                    stats.Latency.Percentile(99), stats.Errors, stats.Dropped, inFlight).ToString());
                (last, lastSent, lastAccepted) = (now, sent, accepted);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
