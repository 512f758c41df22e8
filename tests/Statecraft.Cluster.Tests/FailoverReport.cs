namespace Statecraft.Cluster.Tests;

/// <summary>Appends a scenario's measurements to the file named by <c>STATECRAFT_FAILOVER_REPORT</c>, for docs/benchmarks.md.</summary>
internal static class FailoverReport
{
    public static void Append(string scenario, string summary)
    {
        TestContext.Current.SendDiagnosticMessage($"{scenario}: {summary}");
        if (Environment.GetEnvironmentVariable("STATECRAFT_FAILOVER_REPORT") is { Length: > 0 } path)
        {
            File.AppendAllText(path, $"{DateTime.UtcNow:u} {scenario}: {summary}{Environment.NewLine}");
        }
    }
}
