using System.Globalization;

namespace Statecraft.LoadTest.Tables;

/// <summary>
/// Hands out game ids <c>load-&lt;run&gt;-&lt;n&gt;</c>. The run part is unique per run so a later run never meets
/// games (or stored histories) an earlier one left behind.
/// </summary>
internal sealed class GameIds(string run)
{
    private long _next;

    /// <summary>The run part of the ids.</summary>
    public string Run { get; } = run;

    /// <summary>A run name from the time and a random suffix, for example <c>20260301t101500-3fa2</c>.</summary>
    public static string NewRun(DateTimeOffset now, string? suffix = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd'T'HHmmss}-{Random.Shared.Next(0x10000):x4}")
            .ToLowerInvariant() + (string.IsNullOrEmpty(suffix) ? string.Empty : "-" + suffix);

    /// <summary>The next game id.</summary>
    public string Next() => string.Create(CultureInfo.InvariantCulture, $"load-{Run}-{Interlocked.Increment(ref _next)}");
}
