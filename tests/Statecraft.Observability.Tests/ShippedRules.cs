using System.Text.RegularExpressions;
using Statecraft.Testing;
using YamlDotNet.RepresentationModel;

namespace Statecraft.Observability.Tests;

/// <summary>The shipped Prometheus rule files, read as YAML, and copies of them tuned for a test's time scale.</summary>
internal static partial class ShippedRules
{
    public static string RecordingRulesPath => RepositoryRoot.File("deploy/prometheus/recording-rules.yml");

    public static string AlertsPath => RepositoryRoot.File("deploy/prometheus/alerts.yml");

    /// <summary>Both files with every group evaluated every 2 s (the shipped 30 s would make a test wait minutes).</summary>
    public static IReadOnlyDictionary<string, string> ForFastEvaluation(IReadOnlyDictionary<string, string>? alertFor = null)
    {
        var alerts = File.ReadAllText(AlertsPath);
        foreach (var (alert, duration) in alertFor ?? new Dictionary<string, string>())
        {
            alerts = WithFor(alerts, alert, duration);
        }

        return new Dictionary<string, string>
        {
            ["recording-rules.yml"] = FastGroups(File.ReadAllText(RecordingRulesPath)),
            ["alerts.yml"] = FastGroups(alerts),
        };
    }

    /// <summary>The recording rules: record name and expression.</summary>
    public static IReadOnlyList<(string Record, string Expr)> RecordingRules() =>
        [.. Rules(RecordingRulesPath).Where(r => r.Children.ContainsKey("record")).Select(r => (Scalar(r, "record"), Scalar(r, "expr")))];

    /// <summary>The alerting rules, as YAML mappings.</summary>
    public static IReadOnlyList<YamlMappingNode> Alerts() => [.. Rules(AlertsPath).Where(r => r.Children.ContainsKey("alert"))];

    public static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { } text } ? text : "";

    public static YamlMappingNode? Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    private static IEnumerable<YamlMappingNode> Rules(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (var group in ((YamlSequenceNode)root.Children[new YamlScalarNode("groups")]).Cast<YamlMappingNode>())
        {
            foreach (var rule in ((YamlSequenceNode)group.Children[new YamlScalarNode("rules")]).Cast<YamlMappingNode>())
            {
                yield return rule;
            }
        }
    }

    private static string FastGroups(string yaml) => GroupInterval().Replace(yaml, "${indent}interval: 2s");

    /// <summary>Replaces the <c>for:</c> of one alert (the line after its <c>alert:</c> line that starts with <c>for:</c>).</summary>
    private static string WithFor(string yaml, string alert, string duration)
    {
        var start = yaml.IndexOf($"alert: {alert}\n", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"No alert {alert} in alerts.yml.");
        }

        var match = ForLine().Match(yaml, start);
        return yaml[..match.Index] + $"{match.Groups["indent"].Value}for: {duration}" + yaml[(match.Index + match.Length)..];
    }

    [GeneratedRegex(@"^(?<indent>[ \t]*)interval:[^\n]*", RegexOptions.Multiline)]
    private static partial Regex GroupInterval();

    [GeneratedRegex(@"^(?<indent>[ \t]*)for:[^\n]*", RegexOptions.Multiline)]
    private static partial Regex ForLine();
}
