using System.Text.Json;
using System.Text.RegularExpressions;
using Statecraft.Persistence.Sqlite;
using Statecraft.Testing;

namespace Statecraft.Observability.Tests;

/// <summary>
/// The silo's metrics, the shipped recording rules and the shipped dashboard against live data: a real silo playing
/// games, scraped by a real Prometheus. A panel that shows nothing on a working cluster fails here.
/// </summary>
[Collection(LiveServers.Name)]
public sealed partial class LiveMetricsTests(ObservedCluster cluster) : IClassFixture<ObservedCluster>
{
    private static readonly TimeSpan DataDeadline = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task The_statecraft_series_pass_promtool_check_metrics()
    {
        // Orleans' own meters fail promtool's lint by design (no help text, milliseconds); ours are checked whole.
        var scrape = await ScrapeAsync();
        var ours = string.Join('\n', scrape.Split('\n').Where(line => StatecraftLine().IsMatch(line))) + "\n";
        Assert.Contains("# TYPE statecraft_commands_total counter", ours, StringComparison.Ordinal);
        var check = await ExternalTool.RunAsync("promtool", ["check", "metrics"], input: ours, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public async Task No_label_carries_a_game_id_or_a_player_id()
    {
        var scrape = await ScrapeAsync();
        // The probe's ids are unique strings: anywhere in the scrape, a label carries them.
        Assert.DoesNotContain(cluster.ProbeGameId, scrape, StringComparison.Ordinal);
        Assert.All(cluster.ProbePlayerIds, player => Assert.DoesNotContain(player, scrape, StringComparison.Ordinal));

        // And every Statecraft label has few values: an id would bring one per game.
        var values = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (Match label in Label().Matches(string.Join('\n', scrape.Split('\n').Where(line => line.StartsWith("statecraft_", StringComparison.Ordinal)))))
        {
            var name = label.Groups["name"].Value;
            if (!values.TryGetValue(name, out var set))
            {
                values[name] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(label.Groups["value"].Value);
        }

        Assert.Contains("phase", values.Keys);
        Assert.All(values, pair => Assert.True(pair.Value.Count <= 40, $"label {pair.Key} has {pair.Value.Count} values: {string.Join(", ", pair.Value.Take(10))}"));

        // Nor any game the demo stored.
        await using var store = new SqliteGameStore(new SqliteStoreOptions { DataSource = Path.Combine(cluster.Silo.DataDirectory, "statecraft.db") });
        var games = await store.ListGamesAsync(null, 1000, TestContext.Current.CancellationToken);
        Assert.NotEmpty(games.Games);
        Assert.All(games.Games, game => Assert.DoesNotContain($"\"{game.GameId}\"", scrape, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_reference_metric_set_is_exported()
    {
        var series = new[]
        {
            "statecraft_build_info", "statecraft_config_info", "statecraft_cluster_silos", "statecraft_commands_total", "statecraft_command_duration_seconds_bucket",
            "statecraft_state_transitions_total", "statecraft_games_active", "statecraft_cache_requests_total", "statecraft_cache_evictions_total",
            "statecraft_store_operation_duration_seconds_bucket", "statecraft_store_errors_total", "statecraft_snapshots_written_total",
            "statecraft_recoveries_total", "statecraft_codec_compression_ratio_bucket", "statecraft_storage_bytes", "statecraft_storage_records",
            "statecraft_storage_plan_bytes", "statecraft_circuit_breaker_state", "statecraft_degraded_games", "statecraft_flag_enabled",
            "statecraft_flag_rollout_ratio", "statecraft_codec_corrupt_records_total",
        };
        await ScrapeEventuallyAsync(
        [
            .. series.Select(name => $"^{name}[{{ ]"),
            """^statecraft_config_info\{[^}]*storage="sqlite"[^}]*\} 1$""",
            """^statecraft_flag_enabled\{[^}]*flag="UseStatePersistence"[^}]*\} 1$""",
            """^statecraft_store_operation_duration_seconds_count\{[^}]*operation="commit"[^}]*\} [1-9]""",
            """^statecraft_cache_requests_total\{[^}]*result="hit"[^}]*\} [1-9]""",
            """^statecraft_storage_records\{[^}]*kind="events"[^}]*\} [1-9]""",
            """^statecraft_cluster_silos\{[^}]*status="active"[^}]*\} 1$""",
        ]);
    }

    [Fact]
    public async Task Every_recording_rule_is_healthy_and_returns_series()
    {
        var rules = ShippedRules.RecordingRules();
        Assert.NotEmpty(rules);
        var empty = await WaitUntilEveryQueryAnswersAsync(rules.Select(r => (r.Record, r.Record)).ToList());
        Assert.True(empty.Count == 0, "Recording rules without series on a working silo:\n" + string.Join("\n", empty));

        var groups = await cluster.Prometheus.RulesAsync(TestContext.Current.CancellationToken);
        var unhealthy = groups.EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Where(r => r.GetProperty("health").GetString() != "ok")
            .Select(r => $"{r.GetProperty("name").GetString()}: {(r.TryGetProperty("lastError", out var e) ? e.GetString() : "")}")
            .ToList();
        Assert.True(unhealthy.Count == 0, string.Join("\n", unhealthy));
    }

    [Fact]
    public async Task Every_dashboard_panel_and_variable_shows_data()
    {
        var queries = ShippedDashboard.Queries().Select(q => ($"{q.Panel}: {q.Expr}", ShippedDashboard.Resolve(q.Expr))).ToList();
        Assert.True(queries.Count >= 20, $"only {queries.Count} queries");
        var empty = await WaitUntilEveryQueryAnswersAsync(queries);
        Assert.True(empty.Count == 0, "Dashboard panels without data on a working silo:\n" + string.Join("\n", empty));

        foreach (var (variable, selector, label) in ShippedDashboard.VariableQueries())
        {
            var series = await cluster.Prometheus.QueryAsync(selector, TestContext.Current.CancellationToken);
            Assert.Contains(series.EnumerateArray(), s => s.GetProperty("metric").TryGetProperty(label, out _));
            Assert.False(string.IsNullOrEmpty(variable));
        }
    }

    [Fact]
    public async Task Charts_of_the_main_panels_are_rendered_from_prometheus()
    {
        await WaitUntilEveryQueryAnswersAsync(Charts.Panels.Select(p => (p.Title, p.Expr)).ToList());
        // Let history build up past the 1-minute rate window, so the lines show a steady cluster rather than a ramp.
        await Task.Delay(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);
        var written = await Charts.RenderAsync(cluster.Prometheus, Charts.OutputDirectory, TestContext.Current.CancellationToken);
        Assert.Equal(Charts.Panels.Count, written.Count);
        Assert.All(written, file => Assert.True(new FileInfo(file).Length > 5_000, $"{file} is too small to hold a chart"));
    }

    /// <summary>Queries until each returns at least one series or the deadline passes; returns those still empty.</summary>
    private async Task<List<string>> WaitUntilEveryQueryAnswersAsync(IReadOnlyList<(string Name, string Expr)> queries)
    {
        var pending = queries.ToList();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + DataDeadline;
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var query in pending.ToList())
            {
                JsonElement result;
                try
                {
                    result = await cluster.Prometheus.QueryAsync(query.Expr, TestContext.Current.CancellationToken);
                }
                catch (InvalidOperationException refused)
                {
                    // A query Prometheus refuses will never answer: fail with its message rather than wait.
                    errors[query.Name] = refused.Message;
                    pending.Remove(query);
                    continue;
                }

                if (result.GetArrayLength() > 0)
                {
                    pending.Remove(query);
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            }
        }

        return [.. pending.Select(p => $"{p.Name} (no series)"), .. errors.Select(e => $"{e.Key}: {e.Value}")];
    }

    private async Task<string> ScrapeAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync(new Uri(cluster.Silo.BaseAddress, "/metrics"), TestContext.Current.CancellationToken);
    }

    /// <summary>Scrapes until every pattern matches a line (some series appear after the first background pass or game).</summary>
    private async Task ScrapeEventuallyAsync(IReadOnlyList<string> patterns)
    {
        var deadline = DateTime.UtcNow + DataDeadline;
        while (true)
        {
            var scrape = await ScrapeAsync();
            var missing = patterns.Where(p => !Regex.IsMatch(scrape, p, RegexOptions.Multiline)).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"No line of /metrics matches: {string.Join(", ", missing)}\n{scrape}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        }
    }

    [GeneratedRegex("^(# (TYPE|HELP) )?statecraft_")]
    private static partial Regex StatecraftLine();

    [GeneratedRegex("(?<name>[a-z_]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex Label();
}
