using System.Text.Json;
using System.Text.RegularExpressions;
using Statecraft.Testing;

namespace Statecraft.Observability.Tests;

/// <summary>The shipped Grafana dashboard's queries, with Grafana's variables replaced as Grafana would for "All".</summary>
internal static partial class ShippedDashboard
{
    public static string Path => RepositoryRoot.File("grafana/dashboards/statecraft.json");

    /// <summary>Every panel query (panels inside rows included), with the panel's title.</summary>
    public static IReadOnlyList<(string Panel, string Expr)> Queries()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path));
        var queries = new List<(string, string)>();
        Collect(document.RootElement.GetProperty("panels"), queries);
        return queries;
    }

    /// <summary>
    /// The metrics the template variables read (<c>label_values(metric, label)</c>), as PromQL selectors, with the label
    /// each needs.
    /// </summary>
    public static IReadOnlyList<(string Variable, string Selector, string Label)> VariableQueries()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path));
        var result = new List<(string, string, string)>();
        foreach (var variable in document.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            var query = variable.TryGetProperty("query", out var q)
                ? q.ValueKind == JsonValueKind.Object && q.TryGetProperty("query", out var inner) ? inner.GetString() : q.ValueKind == JsonValueKind.String ? q.GetString() : null
                : null;
            if (query is not null && LabelValues().Match(query) is { Success: true } match)
            {
                result.Add((variable.GetProperty("name").GetString()!, match.Groups["metric"].Value, match.Groups["label"].Value));
            }
        }

        return result;
    }

    /// <summary>The query as Prometheus receives it from Grafana with "All" selected and a 1-minute rate interval.</summary>
    public static string Resolve(string expr) => expr
        .Replace("$__rate_interval", "1m", StringComparison.Ordinal)
        .Replace("${__rate_interval}", "1m", StringComparison.Ordinal)
        .Replace("$__interval", "30s", StringComparison.Ordinal)
        .Replace("${__interval}", "30s", StringComparison.Ordinal)
        .Replace("$__range", "5m", StringComparison.Ordinal)
        .Replace("${silo}", ".*", StringComparison.Ordinal)
        .Replace("$silo", ".*", StringComparison.Ordinal)
        .Replace("${storage}", ".*", StringComparison.Ordinal)
        .Replace("$storage", ".*", StringComparison.Ordinal);

    private static void Collect(JsonElement panels, List<(string, string)> queries)
    {
        foreach (var panel in panels.EnumerateArray())
        {
            var title = panel.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "";
            if (panel.TryGetProperty("targets", out var targets))
            {
                foreach (var target in targets.EnumerateArray())
                {
                    if (target.TryGetProperty("expr", out var expr) && expr.GetString() is { Length: > 0 } text)
                    {
                        queries.Add((title, text));
                    }
                }
            }

            if (panel.TryGetProperty("panels", out var nested))
            {
                Collect(nested, queries);
            }
        }
    }

    [GeneratedRegex(@"label_values\((?<metric>[^,]+),\s*(?<label>[A-Za-z_]+)\s*\)")]
    private static partial Regex LabelValues();
}
