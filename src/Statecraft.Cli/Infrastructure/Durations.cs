using System.CommandLine.Parsing;
using System.Globalization;

namespace Statecraft.Cli.Infrastructure;

/// <summary>Durations as people type them: <c>30</c> (seconds), <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>7d</c> or <c>00:01:30</c>.</summary>
internal static class Durations
{
    public static TimeSpan Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        if (TryParse(text, out var duration))
        {
            return duration;
        }

        result.AddError($"'{text}' is not a duration; use seconds (30), 500ms, 30s, 5m, 2h, 7d or 00:01:30.");
        return TimeSpan.Zero;
    }

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            duration = TimeSpan.FromSeconds(seconds);
            return seconds >= 0;
        }

        foreach (var (suffix, unit) in new[] { ("ms", 0.001), ("s", 1.0), ("m", 60.0), ("h", 3600.0), ("d", 86400.0) })
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
            {
                duration = TimeSpan.FromSeconds(amount * unit);
                return true;
            }
        }

        return text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }
}
