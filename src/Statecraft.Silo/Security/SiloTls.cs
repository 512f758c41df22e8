using Microsoft.Extensions.Options;
using Statecraft.Client.Security;

namespace Statecraft.Silo.Security;

/// <summary>
/// <c>Statecraft:Tls:*</c>: mutual TLS on every Orleans connection of this silo (from other silos, to other silos, and
/// from clients at the gateway). Clients then need <c>Statecraft:Client:Tls:*</c> with a certificate from the same CA;
/// one without cannot call any grain (so it cannot flip a flag either).
/// </summary>
internal static class SiloTls
{
    public const string SectionName = "Statecraft:Tls";

    /// <summary>The loaded certificates when TLS is on, null when it is off; throws with the keys named when a file is wrong.</summary>
    public static MutualTls? Load(IConfiguration configuration)
    {
        var options = new MutualTlsOptions();
        try
        {
            configuration.GetSection(SectionName).Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            throw new OptionsValidationException(SectionName, typeof(MutualTlsOptions), [exception.Message]);
        }

        return options.Enabled ? MutualTls.Load(options, SectionName) : null;
    }
}
