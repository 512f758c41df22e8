using System.Globalization;

namespace Statecraft.Cli.Infrastructure;

/// <summary>Byte sizes as people type and read them: 500MB, 2GB, 1048576.</summary>
internal static class Sizes
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        text = text.Trim();
        foreach (var (suffix, unit) in new[] { ("TB", 1L << 40), ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("B", 1L) })
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0)
            {
                bytes = (long)(amount * unit);
                return true;
            }
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out bytes) && bytes > 0;
    }

    public static string Format(long bytes) =>
        bytes >= 1L << 40 ? $"{bytes / (double)(1L << 40):F1} TiB" : bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):F1} GiB" : bytes >= 1L << 20 ? $"{bytes / (double)(1L << 20):F1} MiB" : bytes >= 1L << 10 ? $"{bytes / 1024.0:F1} KiB" : $"{bytes} B";
}
