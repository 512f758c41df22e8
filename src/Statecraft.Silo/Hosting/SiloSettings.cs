using Microsoft.Extensions.Options;

namespace Statecraft.Silo.Hosting;

/// <summary>
/// Where the silo lives and what it stores in: <c>Statecraft:Clustering</c> (<c>Localhost</c> or <c>Redis</c>),
/// <c>Statecraft:Storage</c> (<c>Sqlite</c>, the default, <c>Redis</c>, <c>DynamoDB</c> or <c>Memory</c>) and
/// <c>Statecraft:Cluster:*</c>.
/// </summary>
internal sealed class SiloSettings
{
    public const string ClusterSection = "Statecraft:Cluster";

    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;

    public StorageBackend Storage { get; set; } = StorageBackend.Sqlite;

    public string ClusterId { get; set; } = "statecraft";

    public string ServiceId { get; set; } = "statecraft";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients use to reach this one (Redis clustering).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Listen on every interface (containers) instead of the advertised address only.</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    public static SiloSettings From(IConfiguration configuration)
    {
        var settings = new SiloSettings();
        configuration.GetSection(ClusterSection).Bind(settings);
        var failures = new List<string>();
        settings.Clustering = ParseEnum(configuration["Statecraft:Clustering"], "Statecraft:Clustering", settings.Clustering, failures);
        settings.Storage = ParseEnum(configuration["Statecraft:Storage"], "Statecraft:Storage", settings.Storage, failures);
        failures.AddRange(settings.Validate());
        return failures.Count == 0
            ? settings
            : throw new OptionsValidationException("Statecraft", typeof(SiloSettings), failures);
    }

    private List<string> Validate()
    {
        var failures = new List<string>();
        if (Clustering == ClusteringMode.Redis && !System.Net.IPAddress.TryParse(AdvertisedAddress, out _))
        {
            failures.Add($"{ClusterSection}:AdvertisedAddress '{AdvertisedAddress}' is not an IP address.");
        }

        if (SiloPort is < 1 or > 65535 || GatewayPort is < 1 or > 65535 || SiloPort == GatewayPort)
        {
            failures.Add($"{ClusterSection}:SiloPort ({SiloPort}) and GatewayPort ({GatewayPort}) must be distinct ports from 1 to 65535.");
        }

        if (string.IsNullOrWhiteSpace(ClusterId) || string.IsNullOrWhiteSpace(ServiceId))
        {
            failures.Add($"{ClusterSection}:ClusterId and ServiceId must not be empty.");
        }

        if (RetentionInterval < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{ClusterSection}:RetentionInterval must be at least one minute (was {RetentionInterval}).");
        }

        return failures;
    }

    /// <summary>A backend name, case-insensitive; an unknown one is a failure that lists the known ones.</summary>
    private static T ParseEnum<T>(string? text, string key, T fallback, List<string> failures)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        failures.Add($"{key} '{text}' is unknown; use {string.Join(", ", Enum.GetNames<T>())}.");
        return fallback;
    }
}
