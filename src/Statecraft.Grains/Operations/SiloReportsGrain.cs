using Statecraft.Abstractions.Operations;

namespace Statecraft.Grains.Operations;

/// <summary>The latest report of each silo, in memory: see <see cref="ISiloReportsGrain"/>.</summary>
public sealed class SiloReportsGrain(TimeProvider time) : Grain, ISiloReportsGrain
{
    private readonly Dictionary<string, (SiloReport Report, DateTimeOffset ReceivedAt)> _reports = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task Report(SiloReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        // The receiving clock decides expiry: silos' clocks may disagree.
        _reports[report.Silo] = (report, time.GetUtcNow());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SiloReport>> GetReports()
    {
        var now = time.GetUtcNow();
        foreach (var silo in _reports.Where(r => now - r.Value.ReceivedAt > SiloReport.ExpiresAfter).Select(r => r.Key).ToList())
        {
            _reports.Remove(silo);
        }

        return Task.FromResult<IReadOnlyList<SiloReport>>([.. _reports.Values.Select(r => r.Report).OrderBy(r => r.Silo, StringComparer.Ordinal)]);
    }
}
