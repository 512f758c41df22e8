using Xunit;

namespace Statecraft.Testing;

/// <summary>Appends a scenario's measurements to the file named by <c>STATECRAFT_FAILOVER_REPORT</c>, for docs/benchmarks.md.</summary>
public static class FailoverReport
{
    /// <summary>Reports <paramref name="summary"/> of <paramref name="scenario"/> to the test output and the report file.</summary>
    public static void Append(string scenario, string summary)
    {
        TestContext.Current.SendDiagnosticMessage($"{scenario}: {summary}");
        if (Environment.GetEnvironmentVariable("STATECRAFT_FAILOVER_REPORT") is { Length: > 0 } path)
        {
            File.AppendAllText(path, $"{DateTime.UtcNow:u} {scenario}: {summary}{Environment.NewLine}");
        }
    }
}
