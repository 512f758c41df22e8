using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.Options;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Telemetry;
using Statecraft.Silo.Hosting;

namespace Statecraft.Silo.Telemetry;

/// <summary>
/// <c>statecraft_build_info{version}</c> and <c>statecraft_config_info{storage,clustering,strategy,preset}</c>, both 1:
/// the Prometheus "info" idiom, so a query can join them onto any series of the same silo (by instance) and a dashboard
/// can tell which silos run which build and configuration.
/// </summary>
internal sealed class InfoMetrics : IDisposable
{
    private readonly Meter _meter = new(StatecraftMeter.Name);

    public InfoMetrics(SiloSettings settings, IOptions<PersistenceOptions> persistence)
    {
        var version = Version;
        var config = new KeyValuePair<string, object?>[]
        {
            new("storage", settings.Storage.ToString().ToLowerInvariant()),
            new("clustering", settings.Clustering.ToString().ToLowerInvariant()),
            new("strategy", persistence.Value.Strategy.ToString()),
            new("preset", persistence.Value.Preset ?? "none"),
        };
        _meter.CreateObservableGauge("statecraft.build.info", () => new Measurement<int>(1, new KeyValuePair<string, object?>("version", version)),
            description: "The silo's build: always 1, the version is the label.");
        _meter.CreateObservableGauge("statecraft.config.info", () => new Measurement<int>(1, config),
            description: "The silo's storage, clustering and persistence configuration: always 1, the values are labels.");
    }

    /// <summary>The informational version without the source revision suffix (bounded: one value per build).</summary>
    public static string Version { get; } =
        (typeof(InfoMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown").Split('+')[0];

    public void Dispose() => _meter.Dispose();
}
