using System.Globalization;

namespace Statecraft.Client;

/// <summary>
/// A cluster written as one string, for tools: <c>localhost</c> or <c>localhost:PORT</c> (one silo on this machine),
/// <c>redis://[:PASSWORD@]HOST:PORT[?clusterId=ID&amp;ssl=true]</c> (the silos' membership table in Redis), or
/// <c>static://ADDRESS:PORT[,ADDRESS:PORT…]</c> (fixed gateways). It becomes <c>Statecraft:Client:*</c> settings.
/// </summary>
public sealed record ClusterAddress(string Text, IReadOnlyDictionary<string, string?> Settings)
{
    private const string Prefix = StatecraftClientOptions.SectionName + ":";

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> with the accepted forms.</summary>
    public static ClusterAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (text.Equals("localhost", StringComparison.OrdinalIgnoreCase) || text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase))
        {
            settings[Prefix + "Clustering"] = nameof(ClusteringMode.Localhost);
            if (text.Length > "localhost".Length)
            {
                settings[Prefix + "GatewayPort"] = Port(text["localhost:".Length..], text).ToString(CultureInfo.InvariantCulture);
            }
        }
        else if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "redis" or "rediss")
        {
            settings[Prefix + "Clustering"] = nameof(ClusteringMode.Redis);
            settings[Prefix + "RedisConnectionString"] = uri.IsDefaultPort ? $"{uri.Host}:6379" : $"{uri.Host}:{uri.Port}";
            if (uri.UserInfo.Split(':', 2) is [_, { Length: > 0 } password])
            {
                settings[Prefix + "RedisPassword"] = Uri.UnescapeDataString(password);
            }

            if (uri.Scheme == "rediss" || Query(uri, "ssl") is "true")
            {
                settings[Prefix + "RedisSsl"] = "true";
            }

            if (Query(uri, "clusterId") is { Length: > 0 } clusterId)
            {
                settings[Prefix + "ClusterId"] = clusterId;
            }
        }
        else if (text.StartsWith("static://", StringComparison.OrdinalIgnoreCase))
        {
            settings[Prefix + "Clustering"] = nameof(ClusteringMode.Static);
            var gateways = text["static://".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (gateways.Length == 0)
            {
                throw Invalid(text);
            }

            for (var i = 0; i < gateways.Length; i++)
            {
                settings[$"{Prefix}Gateways:{i}"] = System.Net.IPEndPoint.TryParse(gateways[i], out var endpoint) && endpoint.Port > 0 ? gateways[i] : throw Invalid(text);
            }
        }
        else
        {
            throw Invalid(text);
        }

        return new ClusterAddress(text, settings);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static int Port(string text, string whole) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535 ? port : throw Invalid(whole);

    private static string? Query(Uri uri, string key) => System.Web.HttpUtility.ParseQueryString(uri.Query)[key];

    private static FormatException Invalid(string text) =>
        new($"'{text}' is not a cluster address; use localhost[:PORT], redis://[:PASSWORD@]HOST:PORT[?clusterId=ID] or static://ADDRESS:PORT[,ADDRESS:PORT].");
}
