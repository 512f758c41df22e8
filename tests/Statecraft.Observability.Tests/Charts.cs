using System.Globalization;
using System.Text.Json;
using ScottPlot;
using Statecraft.Testing;

namespace Statecraft.Observability.Tests;

/// <summary>
/// PNG charts of the dashboard's main panels, drawn from a live Prometheus' range queries (Grafana itself cannot be
/// installed here). Written to <c>artifacts/observability/</c>; <c>docs/observability.md</c> shows copies of them.
/// </summary>
internal static class Charts
{
    public static string OutputDirectory => RepositoryRoot.File("artifacts/observability");

    public static IReadOnlyList<(string File, string Title, string Expr, string Unit)> Panels { get; } =
    [
        ("commands.png", "Commands/s by result", "sum by (result) (rate(statecraft_commands_total[1m]))", "commands/s"),
        ("command-latency.png", "Command latency p50 / p99", "histogram_quantile(0.5, sum by (le) (rate(statecraft_command_duration_seconds_bucket[1m]))) * 1000 or label_replace(histogram_quantile(0.99, sum by (le) (rate(statecraft_command_duration_seconds_bucket[1m]))) * 1000, \"quantile\", \"p99\", \"\", \"\")", "ms"),
        ("store-latency.png", "Store p99 latency by operation", "histogram_quantile(0.99, sum by (operation, le) (rate(statecraft_store_operation_duration_seconds_bucket{operation=~\"commit|snapshot|load\"}[1m]))) * 1000", "ms"),
        ("games-by-phase.png", "Active games by phase", "sum by (phase) (statecraft_games_active)", "games"),
        ("snapshots.png", "Snapshots/s by reason", "sum by (reason) (rate(statecraft_snapshots_written_total[1m])) > 0", "snapshots/s"),
        ("cache-hit-ratio.png", "Game cache hit ratio", "sum(rate(statecraft_cache_requests_total{result=\"hit\"}[1m])) / sum(rate(statecraft_cache_requests_total[1m]))", "ratio"),
    ];

    /// <summary>Renders every panel over the last two minutes; returns the files written.</summary>
    public static async Task<IReadOnlyList<string>> RenderAsync(PrometheusServer prometheus, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (file, title, expr, unit) in Panels)
        {
            var result = await prometheus.QueryRangeAsync(expr, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(2), cancellationToken);
            var plot = new Plot();
            plot.Title(title);
            plot.YLabel(unit);
            plot.XLabel("seconds ago");
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
            foreach (var series in result.EnumerateArray())
            {
                var points = series.GetProperty("values").EnumerateArray()
                    .Select(v => (X: v[0].GetDouble() - now, Y: double.Parse(v[1].GetString()!, CultureInfo.InvariantCulture)))
                    .Where(p => double.IsFinite(p.Y))
                    .ToArray();
                if (points.Length == 0)
                {
                    continue;
                }

                var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
                line.LegendText = Legend(series.GetProperty("metric"));
                line.MarkerSize = 0;
            }

            plot.ShowLegend(Alignment.UpperLeft);
            var path = Path.Combine(directory, file);
            plot.SavePng(path, 800, 360);
            written.Add(path);
        }

        return written;
    }

    private static string Legend(JsonElement metric)
    {
        var labels = metric.EnumerateObject().Where(l => l.Name != "__name__").Select(l => l.Value.GetString()).ToList();
        return labels.Count == 0 ? "p50" : string.Join(" ", labels);
    }
}
