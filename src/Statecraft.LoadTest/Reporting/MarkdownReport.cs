using System.Globalization;
using System.Text;
using Statecraft.LoadTest.Options;
using Statecraft.LoadTest.Stats;

namespace Statecraft.LoadTest.Reporting;

/// <summary>
/// The final report: a heading with the run's settings and a markdown table with one column per run, ready to paste
/// into docs/benchmarks.md. With two runs (persistence ON, then OFF) a third column gives OFF÷ON for throughput and
/// the p50/p99 latencies.
/// </summary>
internal static class MarkdownReport
{
    /// <summary>The note under every table: what the latency means.</summary>
    public const string LatencyNote =
        "Latency runs from each command's scheduled send time to the move's answer (open loop: a slow answer delays no "
        + "later command, and time spent waiting to be sent counts), for accepted, rejected and failed commands alike.";

    /// <summary>The report for one run.</summary>
    public static string Single(LoadTestOptions options, RunSummary run) => Render(options, [run], ratios: false);

    /// <summary>The report for a persistence ON run and an OFF run, with OFF÷ON ratios.</summary>
    public static string Comparison(LoadTestOptions options, RunSummary on, RunSummary off) => Render(options, [on, off], ratios: true);

    /// <summary>The heading line: what was run.</summary>
    public static string Heading(LoadTestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ruleset = options.Ruleset switch
        {
            RulesetMix.TicTacToe => "tictactoe",
            RulesetMix.OhHell => "oh-hell",
            _ => "mixed tictactoe/oh-hell",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"### Load test: {ruleset}, {options.Games} games, target {Formatting.Rate(options.Rate)} commands/s, "
            + $"{DurationParser.Format(options.Duration)} measured after {DurationParser.Format(options.Warmup)} warmup (seed {options.Seed})");
    }

    private static string Render(LoadTestOptions options, IReadOnlyList<RunSummary> runs, bool ratios)
    {
        var header = new List<string> { "metric" };
        header.AddRange(runs.Select(run => run.Cancelled ? run.Label + " (stopped early)" : run.Label));
        if (ratios)
        {
            header.Add("OFF ÷ ON");
        }

        var rows = new List<string[]>();
        void Row(string metric, Func<RunSummary, string> value, Func<RunSummary, double>? ratioOf = null)
        {
            var cells = new List<string> { metric };
            cells.AddRange(runs.Select(value));
            if (ratios)
            {
                cells.Add(ratioOf is null ? string.Empty : Formatting.Ratio(ratioOf(runs[1]), ratioOf(runs[0])));
            }

            rows.Add([.. cells]);
        }

        Row("measured window", run => DurationParser.Format(run.Window));
        Row("scheduled", run => $"{Formatting.Count(run.Scheduled)} ({Formatting.Rate(run.ScheduledPerSecond)}/s)");
        Row("sent", run => $"{Formatting.Count(run.Sent)} ({Formatting.Rate(run.SentPerSecond)}/s)");
        Row("dropped (saturated)", run => Formatting.Count(run.Dropped));
        Row("accepted, durable", run => Formatting.Count(run.AcceptedDurable));
        Row("accepted, memory-only", run => Formatting.Count(run.AcceptedMemoryOnly));
        Row("**throughput (accepted/s)**", run => Formatting.Rate(run.AcceptedPerSecond), run => run.AcceptedPerSecond);
        Row("rejected", run => Formatting.Count(run.Rejected));
        foreach (var code in Keys(runs, run => run.RejectedByCode))
        {
            Row($"rejected: {code}", run => Formatting.Count(CountOf(run.RejectedByCode, code)));
        }

        Row("errors", run => Formatting.Count(run.Errors));
        foreach (var type in Keys(runs, run => run.ErrorsByType))
        {
            Row($"error: {type}", run => Formatting.Count(CountOf(run.ErrorsByType, type)));
        }

        Row("skipped (no move to make)", run => Formatting.Count(run.Skipped));
        Row("unfinished at end", run => Formatting.Count(run.Unfinished));
        Row("**latency p50**", run => Formatting.Latency(run.P50), run => run.P50.TotalMilliseconds);
        Row("latency p95", run => Formatting.Latency(run.P95));
        Row("**latency p99**", run => Formatting.Latency(run.P99), run => run.P99.TotalMilliseconds);
        Row("latency max", run => Formatting.Latency(run.Max));
        Row("games started / finished", run => $"{Formatting.Count(run.GamesStarted)} / {Formatting.Count(run.GamesFinished)}");
        foreach (var reason in Keys(runs, run => run.SupportFailures))
        {
            Row($"failed set-up/view call: {reason}", run => Formatting.Count(CountOf(run.SupportFailures, reason)));
        }

        var text = new StringBuilder();
        text.AppendLine(Heading(options)).AppendLine();
        AppendTable(text, header, rows);
        text.AppendLine().Append(LatencyNote);
        return text.ToString();
    }

    private static void AppendTable(StringBuilder text, List<string> header, List<string[]> rows)
    {
        var widths = header.Select((cell, column) => Math.Max(3, rows.Select(row => row[column].Length).Append(cell.Length).Max())).ToArray();
        void Line(IEnumerable<string> cells) =>
            text.Append("| ").AppendJoin(" | ", cells.Select((cell, column) => column == 0 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column]))).AppendLine(" |");

        Line(header);

        // Metric names left-aligned, numbers right-aligned.
        Line(widths.Select((width, column) => column == 0 ? ":" + new string('-', width - 1) : new string('-', width - 1) + ":"));
        foreach (var row in rows)
        {
            Line(row);
        }
    }

    private static IEnumerable<string> Keys(IReadOnlyList<RunSummary> runs, Func<RunSummary, IReadOnlyList<KeyValuePair<string, long>>> counts) =>
        runs.SelectMany(run => counts(run).Select(pair => pair.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static long CountOf(IReadOnlyList<KeyValuePair<string, long>> counts, string key) =>
        counts.FirstOrDefault(pair => pair.Key == key).Value;
}
