namespace Statecraft.LoadTest.Scheduling;

/// <summary>
/// Fires the timetable: every due slot is handed to the dispatcher without waiting for earlier ones to finish. When the
/// loop wakes late (timer granularity, a busy machine) it fires every slot that became due meanwhile at once, each
/// still carrying its own scheduled time, so the lateness shows up in the measured latency instead of disappearing
/// (coordinated omission).
/// </summary>
internal sealed class OpenLoopScheduler(OpenLoopSchedule schedule, TimeProvider time)
{
    /// <summary>
    /// Dispatches every slot due in the first <paramref name="length"/> of the run and returns how many were
    /// dispatched; fewer when <paramref name="cancellationToken"/> stops it early. <paramref name="dispatch"/> must not
    /// block: it starts the command and returns.
    /// </summary>
    public async Task<long> RunAsync(TimeSpan length, Action<ScheduledCommand> dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        var start = time.GetTimestamp();
        var total = schedule.CountWithin(length);
        long next = 0;
        while (next < total && !cancellationToken.IsCancellationRequested)
        {
            var due = Math.Min(schedule.DueBy(time.GetElapsedTime(start)), total);
            for (; next < due; next++)
            {
                var offset = schedule.OffsetOf(next);
                dispatch(new ScheduledCommand(next, offset, start + ToTimestampUnits(offset)));
            }

            if (next >= total)
            {
                break;
            }

            var wait = schedule.OffsetOf(next) - time.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        return next;
    }

    private long ToTimestampUnits(TimeSpan offset) =>
        // Int128 because ticks times a nanosecond-resolution frequency overflows a long after a few hours.
        (long)((Int128)offset.Ticks * time.TimestampFrequency / TimeSpan.TicksPerSecond);
}
