namespace Statecraft.LoadTest.Scheduling;

/// <summary>
/// The fixed timetable of an open-loop run: command <c>i</c> is due <c>i / rate</c> seconds after the start, whatever
/// happened to the commands before it. Offsets are computed from the index, never by adding periods, so the timetable
/// does not drift however long the run.
/// </summary>
internal readonly record struct OpenLoopSchedule
{
    /// <summary>Creates the timetable for <paramref name="rate"/> commands per second.</summary>
    public OpenLoopSchedule(double rate)
    {
        if (!double.IsFinite(rate) || rate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The rate must be a positive number of commands per second.");
        }

        Rate = rate;
    }

    /// <summary>Commands per second.</summary>
    public double Rate { get; }

    /// <summary>When command <paramref name="index"/> is due, measured from the start (rounded down to a tick).</summary>
    public TimeSpan OffsetOf(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return TimeSpan.FromTicks((long)Math.Floor(index * (TimeSpan.TicksPerSecond / Rate)));
    }

    /// <summary>How many commands are due at <paramref name="elapsed"/>: those whose offset is at or before it.</summary>
    public long DueBy(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero)
        {
            return 0;
        }

        // Estimate from the rate, then settle against OffsetOf itself so both always agree despite rounding.
        var count = (long)Math.Floor(elapsed.Ticks * Rate / TimeSpan.TicksPerSecond) + 1;
        while (OffsetOf(count) <= elapsed)
        {
            count++;
        }

        while (count > 0 && OffsetOf(count - 1) > elapsed)
        {
            count--;
        }

        return count;
    }

    /// <summary>How many commands fall in the first <paramref name="length"/> of the run (offsets before it).</summary>
    public long CountWithin(TimeSpan length) => length <= TimeSpan.Zero ? 0 : DueBy(length - TimeSpan.FromTicks(1));
}
