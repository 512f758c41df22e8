using System.Text.RegularExpressions;

namespace Statecraft.Cli.Tests.Drills;

/// <summary>
/// One procedure of <c>runbooks/state-persistence.md</c> as written: the <c>statecraft</c> commands of the fenced block
/// after its <c>Steps:</c> line, and its <c>Outcome:</c> line. Drills run these commands, not copies of them, so a
/// runbook edit that breaks a procedure breaks its drill.
/// </summary>
internal sealed partial record RunbookProcedure(string Heading, IReadOnlyList<string> Commands, string Outcome)
{
    public const string File = "runbooks/state-persistence.md";

    /// <summary>The procedure under the level-3 heading <paramref name="heading"/>.</summary>
    public static RunbookProcedure Read(string heading)
    {
        var lines = System.IO.File.ReadAllLines(Testing.RepositoryRoot.File(File));
        var start = Array.FindIndex(lines, line => line.Trim() == $"### {heading}");
        Assert.True(start >= 0, $"{File} has no section '### {heading}'");
        var end = Array.FindIndex(lines, start + 1, line => line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("### ", StringComparison.Ordinal));
        var section = lines[(start + 1)..(end < 0 ? lines.Length : end)];

        var steps = Array.FindIndex(section, line => line.StartsWith("Steps:", StringComparison.Ordinal));
        Assert.True(steps >= 0, $"{File} § {heading}: no 'Steps:' line");
        var open = Array.FindIndex(section, steps, line => line.StartsWith("```", StringComparison.Ordinal));
        var close = Array.FindIndex(section, open + 1, line => line.StartsWith("```", StringComparison.Ordinal));
        Assert.True(open > steps && close > open, $"{File} § {heading}: no fenced block after 'Steps:'");
        var commands = section[(open + 1)..close]
            .Select(line => line.Split(" # ")[0].Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
        Assert.All(commands, command => Assert.StartsWith("statecraft ", command, StringComparison.Ordinal));
        Assert.NotEmpty(commands);

        var outcome = section.FirstOrDefault(line => line.StartsWith("Outcome:", StringComparison.Ordinal));
        Assert.True(outcome is not null, $"{File} § {heading}: no 'Outcome:' line");
        return new RunbookProcedure(heading, commands, outcome["Outcome:".Length..].Trim());
    }

    /// <summary>
    /// Each command's arguments with the runbook's variables (<c>$GAME</c>, <c>"$REASON"</c>, …) put in from
    /// <paramref name="variables"/>; a variable the drill does not know fails the drill rather than reaching the tool.
    /// </summary>
    public IEnumerable<string[]> Arguments(IReadOnlyDictionary<string, string> variables) =>
        Commands.Select(command => ParsingTests.Arguments(Variable().Replace(command, match =>
        {
            var name = match.Groups["braced"].Success ? match.Groups["braced"].Value : match.Groups["plain"].Value;
            Assert.True(variables.TryGetValue(name, out var value), $"{File} § {Heading}: the drill does not know ${name} in '{command}'");
            return value!;
        })));

    [GeneratedRegex(@"\$\{(?<braced>[A-Z_]+)\}|\$(?<plain>[A-Z_]+)")]
    private static partial Regex Variable();
}
