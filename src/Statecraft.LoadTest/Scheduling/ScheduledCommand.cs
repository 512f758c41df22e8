namespace Statecraft.LoadTest.Scheduling;

/// <summary>One slot of the timetable: its index, when it was due (from the run's start) and that moment as a timestamp.</summary>
/// <param name="Index">The slot's position in the timetable, from 0.</param>
/// <param name="Offset">When it was due, measured from the start of the run.</param>
/// <param name="Timestamp">The same moment as a <see cref="TimeProvider.GetTimestamp"/> value: latency is measured from it.</param>
internal readonly record struct ScheduledCommand(long Index, TimeSpan Offset, long Timestamp);
