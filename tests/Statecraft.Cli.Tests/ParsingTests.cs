using System.CommandLine;
using System.Text.RegularExpressions;

namespace Statecraft.Cli.Tests;

/// <summary>The command line itself: every example in the help parses, and mistakes are usage errors (exit 2) with one clear line.</summary>
public sealed partial class ParsingTests
{
    public static TheoryData<string> HelpExamples()
    {
        var data = new TheoryData<string>();
        foreach (var example in Examples(StatecraftCli.Build(TextWriter.Null, TextWriter.Null)))
        {
            data.Add(example);
        }

        return data;
    }

    /// <summary>Every <c>statecraft …</c> line in the README and the operators' Markdown (docs/, runbooks/, deploy/, k8s/, grafana/): they must parse.</summary>
    public static TheoryData<string> DocumentedCommands()
    {
        var data = new TheoryData<string>();
        var files = new[] { Testing.RepositoryRoot.File("README.md") }
            .Concat(((string[])["docs", "runbooks", "deploy", "k8s", "grafana"])
                .Select(Testing.RepositoryRoot.File)
                .Where(Directory.Exists)
                .SelectMany(folder => Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories)));
        foreach (var line in files.SelectMany(File.ReadLines))
        {
            var match = DocumentedLine().Match(line);
            if (match.Success)
            {
                var command = match.Groups["fromRepo"].Success ? "statecraft " + match.Groups["fromRepo"].Value : match.Groups["installed"].Value;
                data.Add(command.Split(" # ")[0].Split(" | ")[0].Trim());
            }
        }

        return data;
    }

    [Fact]
    public void The_docs_quote_the_tool()
    {
        Assert.True(DocumentedCommands().Count >= 20, "docs/operations.md should quote the commands it documents");
    }

    [Theory]
    [MemberData(nameof(DocumentedCommands))]
    public void Every_command_line_in_the_docs_parses(string commandLine)
    {
        var parsed = StatecraftCli.Build(TextWriter.Null, TextWriter.Null).Parse(Arguments(commandLine.Replace("FILE", "backup.scbak", StringComparison.Ordinal).Replace("GAME", "g-1", StringComparison.Ordinal)));

        Assert.Empty(parsed.Errors.Select(e => e.Message));
    }

    [Fact]
    public void Every_command_has_an_example_in_its_help()
    {
        var root = StatecraftCli.Build(TextWriter.Null, TextWriter.Null);
        var leaves = Leaves(root).ToList();
        Assert.NotEmpty(leaves);
        Assert.All(leaves, command => Assert.Contains("Example", command.Description, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(HelpExamples))]
    public void Every_example_in_the_help_parses(string example)
    {
        var parsed = StatecraftCli.Build(TextWriter.Null, TextWriter.Null).Parse(Arguments(example));

        Assert.Empty(parsed.Errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData("flags set UseStatePersistence maybe --reason x", "'maybe' is not a flag value")]
    [InlineData("flags set UseStatePersistence on", "--reason")]
    [InlineData("flags set UseStatePersistence on --percent 5 --reason x", "not both")]
    [InlineData("flags audit --limit 0", "--limit must be 1 to 1000")]
    [InlineData("games history g --limit 0", "--limit must be 1 to 10000")]
    [InlineData("status --timeout soon", "'soon' is not a duration")]
    [InlineData("statuss", "statuss")]
    [InlineData("status --cluster nowhere", "'nowhere' is not a cluster address")]
    [InlineData("games list --store postgres://db", "'postgres://db' is not a store address")]
    [InlineData("rollback", "'--reason' is required")]
    [InlineData("rollback --reason x --notify ftp://hooks", "is not an http or https URL")]
    [InlineData("rollback --undo", "--undo needs --report")]
    [InlineData("verify --games 1", "--games must be 2 to 200")]
    [InlineData("backup create --since yesterday", "--since 'yesterday'")]
    [InlineData("backup create --max-size lots", "--max-size 'lots'")]
    [InlineData("backup prune --keep-days 0", "--keep-days must be at least 1")]
    [InlineData("migrate --from sqlite:a.db", "--to")]
    public async Task A_mistake_is_a_usage_error_with_one_clear_line(string commandLine, string expected)
    {
        var run = await CliRun.RunAsync(Arguments(commandLine));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_cluster_is_one_line_naming_what_was_tried_and_exit_3()
    {
        var port = Testing.FreePort.Next();

        var run = await CliRun.RunAsync("flags", "list", "--cluster", $"localhost:{port}", "--timeout", "3s");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith($"statecraft: Could not reach localhost:{port}", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Status_of_an_unreachable_cluster_says_down_with_exit_3_and_json()
    {
        var port = Testing.FreePort.Next();

        var run = await CliRun.RunAsync("status", "--cluster", $"localhost:{port}", "--timeout", "3s", "--json");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("Down", run.Json.GetProperty("health").GetString());
    }

    [Fact]
    public async Task A_missing_sqlite_file_is_not_created()
    {
        var path = Path.Combine(Path.GetTempPath(), $"statecraft-missing-{Guid.NewGuid():N}.db");

        var run = await CliRun.RunAsync("games", "list", "--store", $"sqlite:{path}");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("no such file", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    private static IEnumerable<Command> Leaves(Command command) =>
        command.Subcommands.Count == 0 ? [command] : command.Subcommands.SelectMany(Leaves);

    private static IEnumerable<string> Examples(Command command) =>
        (command.Description ?? "").Split('\n')
            .Select(line => ExampleLine().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value.Trim())
            .Concat(command.Subcommands.SelectMany(Examples));

    /// <summary>Splits a command line as a shell would for these examples (double quotes group words).</summary>
    internal static string[] Arguments(string commandLine)
    {
        var text = commandLine.StartsWith("dotnet run --project src/Statecraft.Cli -- ", StringComparison.Ordinal)
            ? commandLine["dotnet run --project src/Statecraft.Cli -- ".Length..]
            : commandLine.StartsWith("statecraft ", StringComparison.Ordinal) ? commandLine["statecraft ".Length..] : commandLine;
        return [.. Words().Matches(text).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value)];
    }

    [GeneratedRegex(@"^\s*(?:dotnet run --project src/Statecraft\.Cli -- (?<fromRepo>.+)|(?<installed>statecraft [a-z].*))$")]
    private static partial Regex DocumentedLine();

    [GeneratedRegex(@"^\s*(?:Examples?:)?\s*(statecraft .+)$")]
    private static partial Regex ExampleLine();

    [GeneratedRegex("\"([^\"]*)\"|\\S+")]
    private static partial Regex Words();
}
