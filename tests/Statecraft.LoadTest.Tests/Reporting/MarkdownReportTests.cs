using Statecraft.LoadTest.Options;
using Statecraft.LoadTest.Reporting;
using Statecraft.LoadTest.Stats;

namespace Statecraft.LoadTest.Tests.Reporting;

public sealed class MarkdownReportTests
{
    private static readonly LoadTestOptions Options = new() { Games = 50, Rate = 200, Duration = TimeSpan.FromSeconds(10), Warmup = TimeSpan.FromSeconds(2), Seed = 7 };

    private static RunSummary Run(string label, long accepted, double p50Ms, double p99Ms, params KeyValuePair<string, long>[] errors) => new()
    {
        Label = label,
        Window = TimeSpan.FromSeconds(10),
        Scheduled = 2000,
        Sent = 1990,
        Dropped = 10,
        AcceptedDurable = label.Contains("ON", StringComparison.Ordinal) ? accepted : 0,
        AcceptedMemoryOnly = label.Contains("ON", StringComparison.Ordinal) ? 0 : accepted,
        Errors = errors.Sum(pair => pair.Value),
        ErrorsByType = errors,
        P50 = TimeSpan.FromMilliseconds(p50Ms),
        P95 = TimeSpan.FromMilliseconds(p99Ms / 2),
        P99 = TimeSpan.FromMilliseconds(p99Ms),
        Max = TimeSpan.FromMilliseconds(p99Ms * 3),
        GamesStarted = 120,
        GamesFinished = 100,
    };

    private static string[] TableLines(string report) => [.. report.Split('\n').Where(line => line.StartsWith('|'))];

    private static string[] Cells(string line) => [.. line.Trim().Trim('|').Split('|').Select(cell => cell.Trim())];

    private static string[] RowOf(string report, string metric) => TableLines(report).Select(Cells).Single(cells => cells[0] == metric);

    [Fact]
    public void A_single_run_is_one_well_formed_table_with_its_settings_in_the_heading()
    {
        var report = MarkdownReport.Single(Options, Run("run", 1900, 1.5, 12.26));

        Assert.StartsWith("### Load test: mixed tictactoe/oh-hell, 50 games, target 200.0 commands/s, 10s measured after 2s warmup (seed 7)", report, StringComparison.Ordinal);
        var lines = TableLines(report);
        Assert.All(lines, line => Assert.Equal(lines[0].Length, line.Length));
        Assert.All(lines, line => Assert.Equal(2, Cells(line).Length));
        Assert.Matches(@"^\| :-+ \| -+: \|$", lines[1]);
        Assert.Equal("2000 (200.0/s)", RowOf(report, "scheduled")[1]);
        Assert.Equal("1990 (199.0/s)", RowOf(report, "sent")[1]);
        Assert.Equal("10", RowOf(report, "dropped (saturated)")[1]);
        Assert.Equal("190.0", RowOf(report, "**throughput (accepted/s)**")[1]);
        Assert.Equal("1.50 ms", RowOf(report, "**latency p50**")[1]);
        Assert.Equal("12.3 ms", RowOf(report, "**latency p99**")[1]);
        Assert.Equal("120 / 100", RowOf(report, "games started / finished")[1]);
        Assert.Equal("90", RowOf(report, "unfinished at end")[1]);
        Assert.Contains(MarkdownReport.LatencyNote, report, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comparison_puts_the_runs_side_by_side_with_off_over_on_ratios()
    {
        var on = Run("persistence ON", 1000, 2, 20, KeyValuePair.Create("TimeoutException", 3L));
        var off = Run("persistence OFF", 1500, 1, 5, KeyValuePair.Create("SiloUnavailableException", 1L));

        var report = MarkdownReport.Comparison(Options, on, off);

        Assert.Equal(["metric", "persistence ON", "persistence OFF", "OFF ÷ ON"], Cells(TableLines(report)[0]));
        Assert.Equal(["**throughput (accepted/s)**", "100.0", "150.0", "1.50×"], RowOf(report, "**throughput (accepted/s)**"));
        Assert.Equal(["**latency p50**", "2.00 ms", "1.00 ms", "0.50×"], RowOf(report, "**latency p50**"));
        Assert.Equal(["**latency p99**", "20.0 ms", "5.00 ms", "0.25×"], RowOf(report, "**latency p99**"));
        Assert.Equal(["accepted, durable", "1000", "0", string.Empty], RowOf(report, "accepted, durable"));

        // Breakdown rows cover every code or type seen in either run.
        Assert.Equal(["error: SiloUnavailableException", "0", "1", string.Empty], RowOf(report, "error: SiloUnavailableException"));
        Assert.Equal(["error: TimeoutException", "3", "0", string.Empty], RowOf(report, "error: TimeoutException"));
    }

    [Fact]
    public void A_ratio_over_zero_is_not_a_number()
    {
        var report = MarkdownReport.Comparison(Options, Run("persistence ON", 0, 0, 0), Run("persistence OFF", 10, 1, 1));

        Assert.Equal("n/a", RowOf(report, "**throughput (accepted/s)**")[3]);
        Assert.Equal("n/a", RowOf(report, "**latency p99**")[3]);
    }

    [Fact]
    public void A_run_stopped_early_says_so()
    {
        var report = MarkdownReport.Single(Options, Run("run", 10, 1, 1) with { Cancelled = true });

        Assert.Equal("run (stopped early)", Cells(TableLines(report)[0])[1]);
    }
}
