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

    public string Clustering { get; set; } = "Localhost";

    public string Storage { get; set; } = "Sqlite";

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
        settings.Clustering = configuration["Statecraft:Clustering"] ?? settings.Clustering;
        settings.Storage = configuration["Statecraft:Storage"] ?? settings.Storage;
        var failures = settings.Validate();
        return failures.Count == 0
            ? settings
            : throw new OptionsValidationException("Statecraft", typeof(SiloSettings), failures);
    }

    private List<string> Validate()
    {
        var failures = new List<string>();
        if (Clustering is not ("Localhost" or "Redis"))
        {
            failures.Add($"Statecraft:Clustering '{Clustering}' is unknown; use Localhost or Redis.");
        }

        if (Storage is not ("Sqlite" or "Memory" or "Redis" or "DynamoDB"))
        {
            failures.Add($"Statecraft:Storage '{Storage}' is unknown; use Sqlite, Redis, DynamoDB or Memory.");
        }

        if (Clustering == "Redis" && !System.Net.IPAddress.TryParse(AdvertisedAddress, out _))
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
}
