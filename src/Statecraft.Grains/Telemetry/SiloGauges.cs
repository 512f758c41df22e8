using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Statecraft.Grains.Flags;
using Statecraft.Persistence.Stores;
using Statecraft.Persistence.Telemetry;

namespace Statecraft.Grains.Telemetry;

/// <summary>
/// What this silo knows that dashboards and alerts need as series: the flags as the silo applies them, and the cluster's
/// membership as the silo sees it. Started with the silo, it also creates the bounded counter series at zero, so a
/// rate, a ratio or an alert on "no snapshot lately" has a series to read before the first event of its kind.
/// </summary>
internal sealed class SiloGauges : IHostedService, IDisposable
{
    // Its own meter instance (same name), so the gauges go with this silo's services, as ActiveGames' does.
    private readonly Meter _meter = new(StatecraftMeter.Name);
    private readonly FeatureFlagCache _flags;
    private readonly IClusterMembershipService _membership;
    private readonly string _storeName;

    public SiloGauges(FeatureFlagCache flags, IClusterMembershipService membership, IGameStoreHealth store)
    {
        _flags = flags;
        _membership = membership;
        _storeName = store.Name;
        _meter.CreateObservableGauge("statecraft.flag.enabled", () => Flags(d => d.Enabled ? 1 : 0),
            description: "1 when the flag is on for all games (its global value), else 0.");
        _meter.CreateObservableGauge("statecraft.flag.rollout_ratio", () => Flags(d => d.Percentage is { } percent ? percent / 100.0 : d.Enabled ? 1.0 : 0.0),
            description: "Share of games the flag is on for, 0 to 1, before per-game overrides.");
        _meter.CreateObservableGauge("statecraft.flag.overrides", () => Flags(d => d.GameOverrides.Count),
            description: "Per-game overrides of the flag.");
        _meter.CreateObservableGauge("statecraft.cluster.silos", ObserveSilos,
            description: "Silos in the cluster's membership table as this silo sees it, by status.");
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        MetricSeeds.Seed(_storeName);
        foreach (var result in (string[])["hit", "miss"])
        {
            GameMetrics.CacheRequests.Add(0, new KeyValuePair<string, object?>("result", result));
        }

        foreach (var reason in GameMetrics.EvictionReasons)
        {
            GameMetrics.CacheEvictions.Add(0, new KeyValuePair<string, object?>("reason", reason));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<T>> Flags<T>(Func<Abstractions.Flags.FlagDefinition, T> value)
        where T : struct =>
        _flags.Current.Flags.Values.Select(d => new Measurement<T>(value(d), new KeyValuePair<string, object?>("flag", d.Name)));

    private IEnumerable<Measurement<int>> ObserveSilos()
    {
        var counts = _membership.CurrentSnapshot.Members.Values
            .GroupBy(member => StatusTag(member.Status), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var status in (string[])["active", "joining", "shutting_down", "dead"])
        {
            yield return new Measurement<int>(counts.GetValueOrDefault(status), new KeyValuePair<string, object?>("status", status));
        }
    }

    private static string StatusTag(SiloStatus status) => status switch
    {
        SiloStatus.Active => "active",
        SiloStatus.Created or SiloStatus.Joining => "joining",
        SiloStatus.ShuttingDown or SiloStatus.Stopping => "shutting_down",
        _ => "dead",
    };
}
