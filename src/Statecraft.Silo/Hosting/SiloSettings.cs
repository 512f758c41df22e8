using Microsoft.Extensions.Options;

namespace Statecraft.Silo.Hosting;

/// <summary>
/// Where the silo lives and what it stores in: <c>Statecraft:Clustering</c> (<c>Localhost</c>, <c>Redis</c> or
/// <c>Kubernetes</c>),
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

    /// <summary><c>Statecraft:Kubernetes:*</c>, used with <see cref="ClusteringMode.Kubernetes"/>.</summary>
    public KubernetesSettings Kubernetes { get; } = new();

    /// <summary>Several silos sharing a membership table (Redis), as opposed to one silo on this machine.</summary>
    public bool IsClustered => Clustering is ClusteringMode.Redis or ClusteringMode.Kubernetes;

    /// <summary>
    /// How long this silo keeps the record of a client that disconnected from its gateway. While the record exists the
    /// silo queues that client's replies there — even replies to requests that came in through another gateway — so a
    /// client that stopped using this gateway hears nothing from this silo's grains until the record is dropped
    /// (checked on a timer of the same period). Orleans' default is one minute.
    /// </summary>
    public TimeSpan ClientDropTimeout { get; set; } = TimeSpan.FromSeconds(3);

    public static SiloSettings From(IConfiguration configuration)
    {
        var settings = new SiloSettings();
        var failures = new List<string>();
        Bind(configuration.GetSection(ClusterSection), settings, failures);
        settings.Clustering = ParseEnum(configuration["Statecraft:Clustering"], "Statecraft:Clustering", settings.Clustering, failures);
        settings.Storage = ParseEnum(configuration["Statecraft:Storage"], "Statecraft:Storage", settings.Storage, failures);
        Bind(configuration.GetSection(KubernetesSettings.SectionName), settings.Kubernetes, failures);
        if (settings.Clustering == ClusteringMode.Kubernetes)
        {
            // A pod listens on every interface and is reached at its pod IP (the downward API's POD_IP), which Orleans'
            // Kubernetes hosting advertises; the HTTP URL this silo reports follows the same address.
            settings.ListenOnAnyHostAddress = true;
            settings.AdvertisedAddress = configuration[KubernetesSettings.PodIpVariable] ?? string.Empty;
        }

        // The same validator style as every other options class; called here because backends are chosen from these
        // settings while the services are composed, before any options could be validated on start.
        failures.AddRange(new SiloSettingsValidator().Validate(null, settings).Failures ?? []);
        return failures.Count == 0
            ? settings
            : throw new OptionsValidationException("Statecraft", typeof(SiloSettings), failures);
    }

    /// <summary>Binds <paramref name="section"/>; a value the binder cannot convert is a failure naming its key, not a crash.</summary>
    private static void Bind(IConfigurationSection section, object target, List<string> failures)
    {
        try
        {
            section.Bind(target);
        }
        catch (InvalidOperationException exception)
        {
            // The binder's message names the key and the value ("Failed to convert configuration value at '…'").
            failures.Add(exception.Message);
        }
    }

    /// <summary>A backend name, case-insensitive; an unknown one is a failure that lists the known ones.</summary>
    internal static T ParseEnum<T>(string? text, string key, T fallback, List<string> failures)
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

/// <summary>Validates <see cref="SiloSettings"/>, naming the key and the fix.</summary>
internal sealed class SiloSettingsValidator : IValidateOptions<SiloSettings>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SiloSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Clustering == ClusteringMode.Redis && !System.Net.IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            failures.Add($"{SiloSettings.ClusterSection}:AdvertisedAddress '{options.AdvertisedAddress}' is not an IP address.");
        }

        if (options.Clustering == ClusteringMode.Kubernetes && !System.Net.IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            failures.Add(options.AdvertisedAddress.Length == 0
                ? $"Statecraft:Clustering is Kubernetes but {KubernetesSettings.PodIpVariable} is not set; give the container env {KubernetesSettings.PodIpVariable} from the downward API (fieldRef status.podIP)."
                : $"{KubernetesSettings.PodIpVariable} '{options.AdvertisedAddress}' is not an IP address; set it from the downward API (fieldRef status.podIP).");
        }

        if (options.SiloPort is < 1 or > 65535 || options.GatewayPort is < 1 or > 65535 || options.SiloPort == options.GatewayPort)
        {
            failures.Add($"{SiloSettings.ClusterSection}:SiloPort ({options.SiloPort}) and GatewayPort ({options.GatewayPort}) must be distinct ports from 1 to 65535.");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"{SiloSettings.ClusterSection}:ClusterId and ServiceId must not be empty.");
        }

        if (options.ClientDropTimeout < TimeSpan.FromSeconds(1) || options.ClientDropTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{SiloSettings.ClusterSection}:ClientDropTimeout must be from 1 second to 10 minutes (was {options.ClientDropTimeout}).");
        }

        if (options.RetentionInterval < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{SiloSettings.ClusterSection}:RetentionInterval must be at least one minute (was {options.RetentionInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
