using System.Globalization;

namespace Statecraft.LoadTest.Reporting;

/// <summary>Number and latency formats shared by the progress line and the report; invariant, so reports diff cleanly.</summary>
internal static class Formatting
{
    /// <summary>A latency in milliseconds with precision suited to its size: <c>0.42 ms</c>, <c>12.3 ms</c>, <c>1530 ms</c>.</summary>
    public static string Latency(TimeSpan latency)
    {
        var ms = latency.TotalMilliseconds;
        var format = ms switch
        {
            < 10 => "0.00",
            < 100 => "0.0",
            _ => "0",
        };
        return ms.ToString(format, CultureInfo.InvariantCulture) + " ms";
    }

    /// <summary>A rate with one decimal: <c>498.7</c>.</summary>
    public static string Rate(double perSecond) => perSecond.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A count with no separators, so it pastes into spreadsheets: <c>15000</c>.</summary>
    public static string Count(long count) => count.ToString(CultureInfo.InvariantCulture);

    /// <summary>A ratio as <c>1.23×</c>, or <c>n/a</c> when the base is zero.</summary>
    public static string Ratio(double numerator, double denominator) =>
        denominator > 0 && double.IsFinite(numerator) ? (numerator / denominator).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "n/a";

    /// <summary>Elapsed time as whole seconds: <c>12s</c>.</summary>
    public static string Seconds(TimeSpan elapsed) => ((long)elapsed.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
}
