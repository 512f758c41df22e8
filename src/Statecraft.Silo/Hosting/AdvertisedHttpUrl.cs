using Statecraft.Grains.Operations;

namespace Statecraft.Silo.Hosting;

/// <summary>
/// The URL others use to reach this silo's HTTP endpoints: the first of <c>urls</c>, with a wildcard host (listening
/// on every interface, as in a container) replaced by the advertised cluster address.
/// </summary>
internal static class AdvertisedHttpUrl
{
    public static SiloHttpAddress? From(IConfiguration configuration, SiloSettings settings)
    {
        if (HttpUrls.From(configuration).FirstOrDefault() is not { } first || HttpUrls.Parse(first) is not { } uri)
        {
            return null;
        }

        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? settings.AdvertisedAddress : uri.Host;
        return new SiloHttpAddress(new UriBuilder(uri) { Host = host }.Uri.ToString().TrimEnd('/'));
    }
}
