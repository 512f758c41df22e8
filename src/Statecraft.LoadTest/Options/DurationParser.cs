using System.Globalization;

namespace Statecraft.LoadTest.Options;

/// <summary>
/// Reads durations the way people type them on a command line: <c>30s</c>, <c>500ms</c>, <c>2m</c>, <c>1h</c>,
/// <c>1m30s</c>, a bare number of seconds (<c>45</c>, <c>2.5</c>) or a <see cref="TimeSpan"/> (<c>00:01:30</c>).
/// </summary>
internal static class DurationParser
{
    private static readonly (string Suffix, double Seconds)[] Units = [("ms", 0.001), ("h", 3600), ("m", 60), ("s", 1)];

    /// <summary>Parses <paramref name="text"/>; false (with a null-free zero) when it is not a duration.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim().ToLowerInvariant();
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bareSeconds))
        {
            return TryFromSeconds(bareSeconds, out duration);
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
        }

        // A sequence of number+unit parts, largest first or not: 1m30s, 2h, 250ms.
        var totalSeconds = 0.0;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.'))
            {
                digits++;
            }

            if (digits == 0 || !double.TryParse(rest[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            rest = rest[digits..];
            var matched = false;
            foreach (var (suffix, seconds) in Units)
            {
                // "ms" is tried before "m" so 500ms is not read as 500 minutes followed by garbage.
                if (rest.StartsWith(suffix, StringComparison.Ordinal))
                {
                    totalSeconds += amount * seconds;
                    rest = rest[suffix.Length..];
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                return false;
            }
        }

        return TryFromSeconds(totalSeconds, out duration);
    }

    /// <summary>A short form that <see cref="TryParse"/> reads back: <c>30s</c>, <c>1m30s</c>, <c>250ms</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            return "-" + Format(duration.Negate());
        }

        if (duration.Ticks % TimeSpan.TicksPerSecond != 0 || duration == TimeSpan.Zero)
        {
            return duration < TimeSpan.FromSeconds(1) || duration.Ticks % TimeSpan.TicksPerMillisecond != 0
                ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.###}ms")
                : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###}s");
        }

        var parts = new List<string>(3);
        if (duration.TotalHours >= 1)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalHours}h"));
        }

        if (duration.Minutes > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Minutes}m"));
        }

        if (duration.Seconds > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Seconds}s"));
        }

        return string.Concat(parts);
    }

    private static bool TryFromSeconds(double seconds, out TimeSpan duration)
    {
        // TimeSpan.FromSeconds throws past its range; a load test never needs more than a few days.
        if (double.IsFinite(seconds) && seconds is >= 0 and <= 30 * 24 * 3600)
        {
            duration = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
            return true;
        }

        duration = TimeSpan.Zero;
        return false;
    }
}
