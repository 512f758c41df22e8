using Microsoft.Extensions.Options;

namespace Statecraft.Silo.Hosting;

/// <summary>
/// <c>Statecraft:Management:Port</c>: when set, <c>/metrics</c> and <c>/health/*</c> are served on this port only, and
/// the main HTTP port (the dashboard) no longer serves them. A NetworkPolicy can then open the management port to the
/// monitoring namespace and the kubelet while the dashboard port stays closed to them, and the reverse.
/// </summary>
internal sealed class ManagementOptions
{
    public const string SectionName = "Statecraft:Management";

    public int? Port { get; set; }

    public static ManagementOptions From(IConfiguration configuration, SiloSettings settings)
    {
        var options = new ManagementOptions();
        var text = configuration[$"{SectionName}:Port"];
        if (!string.IsNullOrWhiteSpace(text))
        {
            options.Port = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
                ? port
                : throw new OptionsValidationException(SectionName, typeof(ManagementOptions), [$"{SectionName}:Port '{text}' is not a port number."]);
        }

        var failures = new List<string>();
        if (options.Port is { } value)
        {
            if (value is < 1 or > 65535)
            {
                failures.Add($"{SectionName}:Port must be from 1 to 65535 (was {value}).");
            }
            else if (value == settings.SiloPort || value == settings.GatewayPort)
            {
                failures.Add($"{SectionName}:Port ({value}) must differ from {SiloSettings.ClusterSection}:SiloPort and GatewayPort.");
            }
            else if (HttpUrls.From(configuration).Any(url => HttpUrls.Parse(url)?.Port == value))
            {
                failures.Add($"{SectionName}:Port ({value}) must differ from the ports in Urls, which serve the dashboard.");
            }
        }

        return failures.Count == 0 ? options : throw new OptionsValidationException(SectionName, typeof(ManagementOptions), failures);
    }

    /// <summary>
    /// The URL to listen on for management: the host of the first entry of <c>urls</c> (loopback on a workstation, every
    /// interface in a container) with the management port.
    /// </summary>
    public string ListenUrl(IConfiguration configuration)
    {
        var first = HttpUrls.From(configuration).FirstOrDefault() ?? "http://127.0.0.1:5080";
        var scheme = first[..first.IndexOf("://", StringComparison.Ordinal)];
        var rest = first[(scheme.Length + 3)..];
        var host = rest[..LastColonOrEnd(rest)];
        return $"http://{host}:{Port}";
    }

    private static int LastColonOrEnd(string hostAndPort)
    {
        var end = hostAndPort.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? slash : hostAndPort.Length;
        var colon = hostAndPort.LastIndexOf(':', end - 1);
        // An IPv6 literal's colons sit inside brackets; the port's colon comes after the closing one.
        return colon > hostAndPort.LastIndexOf(']', end - 1) ? colon : end;
    }
}
