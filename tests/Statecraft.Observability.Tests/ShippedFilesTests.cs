using System.Text.Json;
using System.Text.RegularExpressions;
using Statecraft.Testing;
using YamlDotNet.RepresentationModel;

namespace Statecraft.Observability.Tests;

/// <summary>
/// The shipped rules, routes, dashboard and monitors pass the tools that will load them (promtool, amtool, Grafana's
/// published schema) and say what operators need: severity, timing, a runbook section that exists.
/// </summary>
public sealed partial class ShippedFilesTests
{
    private const string RunbookBase = "https://github.com/statecraft/statecraft/blob/main/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Promtool_accepts_the_rule_files()
    {
        var check = await ExternalTool.RunAsync("promtool", ["check", "rules", ShippedRules.RecordingRulesPath, ShippedRules.AlertsPath], cancellationToken: Ct);
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public async Task Promtool_unit_tests_pass_and_cover_every_alert()
    {
        var tests = Directory.GetFiles(RepositoryRoot.File("deploy/prometheus/tests"), "*.yml");
        Assert.NotEmpty(tests);
        var run = await ExternalTool.RunAsync("promtool", ["test", "rules", .. tests], workingDirectory: RepositoryRoot.File("deploy/prometheus/tests"), cancellationToken: Ct);
        Assert.True(run.ExitCode == 0, run.ToString());

        var tested = tests.SelectMany(file => AlertNameInTests().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value)).ToHashSet(StringComparer.Ordinal);
        var untested = ShippedRules.Alerts().Select(a => ShippedRules.Scalar(a, "alert")).Where(name => !tested.Contains(name)).ToList();
        Assert.True(untested.Count == 0, "Alerts without a promtool unit test: " + string.Join(", ", untested));
    }

    [Fact]
    public async Task The_example_prometheus_configuration_is_valid()
    {
        // promtool resolves rule_files relative to the configuration, so the shipped layout is checked as shipped.
        var check = await ExternalTool.RunAsync("promtool", ["check", "config", RepositoryRoot.File("deploy/prometheus/prometheus.yml")], cancellationToken: Ct);
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public void Every_alert_has_severity_component_timing_text_and_a_runbook_section_that_exists()
    {
        var alerts = ShippedRules.Alerts();
        Assert.True(alerts.Count >= 9, $"only {alerts.Count} alerts");
        foreach (var alert in alerts)
        {
            var name = ShippedRules.Scalar(alert, "alert");
            var labels = ShippedRules.Mapping(alert, "labels") ?? new YamlMappingNode();
            var annotations = ShippedRules.Mapping(alert, "annotations") ?? new YamlMappingNode();
            Assert.Contains(ShippedRules.Scalar(labels, "severity"), (string[])["page", "ticket"]);
            Assert.Contains(ShippedRules.Scalar(labels, "component"), (string[])["cluster", "games", "persistence"]);
            Assert.Matches(@"^\d+[smh]$", ShippedRules.Scalar(alert, "for"));
            Assert.False(string.IsNullOrWhiteSpace(ShippedRules.Scalar(annotations, "summary")), $"{name}: no summary");
            Assert.False(string.IsNullOrWhiteSpace(ShippedRules.Scalar(annotations, "description")), $"{name}: no description");

            var url = ShippedRules.Scalar(annotations, "runbook_url");
            Assert.StartsWith(RunbookBase + "runbooks/", url, StringComparison.Ordinal);
            var (file, anchor) = (url[RunbookBase.Length..].Split('#')[0], url.Split('#')[1]);
            var runbook = RepositoryRoot.File(file);
            Assert.True(File.Exists(runbook), $"{name}: {file} does not exist");
            var anchors = File.ReadAllLines(runbook).Where(line => line.StartsWith('#')).Select(GitHubAnchor).ToHashSet(StringComparer.Ordinal);
            Assert.True(anchors.Contains(anchor), $"{name}: no heading in {file} has the anchor #{anchor}");
        }
    }

    [Fact]
    public void Every_alert_section_of_the_on_call_runbook_names_an_alert_that_exists_once()
    {
        var alerts = ShippedRules.Alerts().Select(alert => ShippedRules.Scalar(alert, "alert")).ToHashSet(StringComparer.Ordinal);
        // Alert sections are the level-2 headings named like an alert; the rest (quick reference, decision trees) are prose.
        var sections = File.ReadAllLines(RepositoryRoot.File("runbooks/on-call.md"))
            .Where(line => line.StartsWith("## Statecraft", StringComparison.Ordinal))
            .Select(line => line[3..].Trim())
            .ToList();

        Assert.All(sections, section => Assert.True(alerts.Contains(section), $"runbooks/on-call.md has a section '{section}' but deploy/prometheus/alerts.yml has no such alert"));
        Assert.Equal(sections.Count, sections.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(alerts.Order(StringComparer.Ordinal), sections.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Amtool_accepts_the_alertmanager_configuration_and_routes_by_severity()
    {
        var config = RepositoryRoot.File("deploy/alertmanager/alertmanager.yml");
        var check = await ExternalTool.RunAsync("amtool", ["check-config", config], cancellationToken: Ct);
        Assert.True(check.ExitCode == 0, check.ToString());

        var page = await ExternalTool.RunAsync("amtool", ["config", "routes", "test", $"--config.file={config}", "severity=page", "alertname=StatecraftSiloDown"], cancellationToken: Ct);
        var ticket = await ExternalTool.RunAsync("amtool", ["config", "routes", "test", $"--config.file={config}", "severity=ticket", "alertname=StatecraftStoreErrors"], cancellationToken: Ct);
        Assert.True(page.ExitCode == 0 && ticket.ExitCode == 0, $"{page}\n{ticket}");
        Assert.NotEqual(page.Output.Trim(), ticket.Output.Trim());
    }

    [Fact]
    public async Task The_dashboard_validates_against_grafanas_published_schema_and_a_broken_one_does_not()
    {
        var valid = await Node("grafana-dashboard.mjs", ShippedDashboard.Path);
        Assert.True(valid.ExitCode == 0, valid.ToString());

        var broken = Path.Combine(Path.GetTempPath(), $"statecraft-broken-dashboard-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(broken, File.ReadAllText(ShippedDashboard.Path).Replace("\"panels\"", "\"panelz\"", StringComparison.Ordinal));
            var invalid = await Node("grafana-dashboard.mjs", broken);
            Assert.True(invalid.ExitCode == 1, invalid.ToString());
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public void The_dashboard_has_a_stable_uid_the_variables_and_the_rows_operators_expect()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(ShippedDashboard.Path));
        var root = dashboard.RootElement;
        Assert.Equal("statecraft-cluster", root.GetProperty("uid").GetString());
        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.Equal(["datasource", "silo", "storage"], variables.Order(StringComparer.Ordinal));
        var rows = root.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() == "row").Select(p => p.GetProperty("title").GetString()).ToList();
        Assert.Equal(["Cluster", "Games", "Persistence", "Resilience", "Flags"], rows);
    }

    [Fact]
    public async Task The_datadog_monitors_validate_against_their_schema_and_cover_every_alert()
    {
        var schema = RepositoryRoot.File("deploy/datadog/monitors.schema.json");
        var monitors = RepositoryRoot.File("deploy/datadog/monitors.json");
        var valid = await Node("json-schema.mjs", schema, monitors);
        Assert.True(valid.ExitCode == 0, valid.ToString());

        var broken = Path.Combine(Path.GetTempPath(), $"statecraft-broken-monitors-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(broken, File.ReadAllText(monitors).Replace("\"query alert\"", "\"query_alert\"", StringComparison.Ordinal));
            var invalid = await Node("json-schema.mjs", schema, broken);
            Assert.True(invalid.ExitCode == 1, invalid.ToString());
        }
        finally
        {
            File.Delete(broken);
        }

        var text = File.ReadAllText(monitors);
        var missing = ShippedRules.Alerts().Select(a => ShippedRules.Scalar(a, "alert")).Where(name => !text.Contains(name, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "Alerts without a Datadog monitor: " + string.Join(", ", missing));
    }

    private static Task<ExternalTool> Node(string script, params string[] arguments)
    {
        var tools = RepositoryRoot.File("tools/validate");
        Assert.True(Directory.Exists(Path.Combine(tools, "node_modules")), "tools/validate has no node_modules; ./test.sh runs npm ci there.");
        return ExternalTool.RunAsync("node", [Path.Combine(tools, script), .. arguments], workingDirectory: tools, cancellationToken: Ct);
    }

    /// <summary>GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to hyphens.</summary>
    private static string GitHubAnchor(string heading) =>
        NotAnchorCharacter().Replace(heading.TrimStart('#').Trim().ToLowerInvariant(), "").Replace(' ', '-');

    [GeneratedRegex(@"alertname:\s*(?<name>\w+)")]
    private static partial Regex AlertNameInTests();

    [GeneratedRegex(@"[^\p{L}\p{Nd}\- _]")]
    private static partial Regex NotAnchorCharacter();
}
