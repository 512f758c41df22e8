using System.Globalization;
using System.Text;

namespace Statecraft.Cli.Operations;

/// <summary>One check of a rollback or verification: what, whether it passed, and what was seen.</summary>
internal sealed record Check(string Name, bool Passed, string Detail, double Seconds);

/// <summary>What <c>statecraft rollback</c> did (its JSON report, and the basis of <c>--undo</c>).</summary>
internal sealed record RollbackReport(
    string Kind,
    bool DryRun,
    string By,
    string Reason,
    DateTimeOffset StartedAt,
    double Seconds,
    long RevisionBefore,
    long? RevisionAfter,
    IReadOnlyList<FlagValue> Before,
    IReadOnlyList<FlagValue> After,
    IReadOnlyList<Check> Checks,
    string? Notified,
    string? Alertmanager = null,
    string? SilenceId = null)
{
    public bool Passed => Checks.All(c => c.Passed);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Statecraft {Kind}{(DryRun ? " (dry run)" : "")}: {(Passed ? "passed" : "FAILED")}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Started: {StartedAt:u}, took {Seconds:F1} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"- By: {By}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Reason: {Reason}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Flag revision: {RevisionBefore} → {RevisionAfter?.ToString(CultureInfo.InvariantCulture) ?? "unchanged"}");
        if (SilenceId is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- Alert silence: {SilenceId} at {Alertmanager}");
        }

        if (Notified is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- Notified: {Notified}");
        }

        text.AppendLine();
        text.AppendLine("| Flag | Before | After |");
        text.AppendLine("| --- | --- | --- |");
        foreach (var before in Before)
        {
            var after = After.FirstOrDefault(a => a.Name == before.Name);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {before.Name} | {before.Describe()} | {after?.Describe() ?? "—"} |");
        }

        text.AppendLine();
        text.AppendLine("| Check | Result | Detail | Seconds |");
        text.AppendLine("| --- | --- | --- | --- |");
        foreach (var check in Checks)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {check.Name} | {(check.Passed ? "pass" : "FAIL")} | {check.Detail.Replace("|", "\\|", StringComparison.Ordinal)} | {check.Seconds:F1} |");
        }

        return text.ToString();
    }
}

/// <summary>A flag's value as recorded: on/off/percentage, and whether it was changed at runtime (else it had its configured default).</summary>
internal sealed record FlagValue(string Name, bool Enabled, int? Percentage, bool ChangedAtRuntime)
{
    public string Describe() => (Percentage is { } p ? $"{p}%" : Enabled ? "on" : "off") + (ChangedAtRuntime ? " (runtime)" : " (default)");
}
