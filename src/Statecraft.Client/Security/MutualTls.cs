using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Orleans.Connections.Security;

namespace Statecraft.Client.Security;

/// <summary>Loads the files of <see cref="MutualTlsOptions"/> and applies them to Orleans' <see cref="TlsOptions"/>.</summary>
public sealed class MutualTls
{
    private MutualTls(X509Certificate2 certificate, X509Certificate2 authority, string serverName)
    {
        Certificate = certificate;
        Authority = authority;
        ServerName = serverName;
    }

    /// <summary>This side's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA peers must chain to.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The name silo certificates carry.</summary>
    public string ServerName { get; }

    /// <summary>
    /// Loads the certificate, key and CA named by <paramref name="options"/>; throws
    /// <see cref="OptionsValidationException"/> listing every problem, each naming its key under <paramref name="section"/>.
    /// </summary>
    public static MutualTls Load(MutualTlsOptions options, string section)
    {
        var failures = Validate(options, section);
        if (failures.Count == 0)
        {
            try
            {
                var certificate = X509Certificate2.CreateFromPemFile(options.CertificatePath!, options.KeyPath!);
                var authority = X509CertificateLoader.LoadCertificateFromFile(options.CaPath!);
                return new MutualTls(certificate, authority, options.ServerName);
            }
            catch (CryptographicException exception)
            {
                failures.Add($"{section}:CertificatePath, KeyPath and CaPath must be a PEM certificate, its private key and a PEM CA certificate: {exception.Message}");
            }
        }

        throw new OptionsValidationException(section, typeof(MutualTlsOptions), failures);
    }

    /// <summary>The problems with <paramref name="options"/>, each naming its key; empty when TLS is off or all is well.</summary>
    public static List<string> Validate(MutualTlsOptions options, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!options.Enabled)
        {
            return failures;
        }

        foreach (var (key, path) in new[] { ("CertificatePath", options.CertificatePath), ("KeyPath", options.KeyPath), ("CaPath", options.CaPath) })
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                failures.Add($"{section}:{key} is required when {section}:Enabled is true.");
            }
            else if (!File.Exists(path))
            {
                failures.Add($"{section}:{key} '{path}' does not exist or cannot be read.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.ServerName) || Uri.CheckHostName(options.ServerName) != UriHostNameType.Dns)
        {
            failures.Add($"{section}:ServerName '{options.ServerName}' must be a DNS name (the subject alternative name of the silo certificates).");
        }

        return failures;
    }

    /// <summary>
    /// Requires a certificate from the peer in both directions, sends this side's own always, checks the silo name when
    /// connecting, and accepts only certificates that chain to <see cref="Authority"/> (not to the machine's public
    /// roots: a certificate any public CA issued must not be able to join the cluster).
    /// </summary>
    public void Apply(TlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        tls.LocalCertificate = Certificate;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        // The default only sends a certificate the peer asks for with a matching issuer hint, which a silo with
        // client-certificate-only usage would silently skip; every side always shows its certificate.
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.OnAuthenticateAsClient = (_, client) => client.TargetHost = ServerName;
        tls.RemoteCertificateValidation = IsTrusted;
    }

    private bool IsTrusted(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        // A missing certificate, or (connecting to a silo) one without the silo name, is refused whatever the chain.
        if ((errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.CustomTrustStore.Add(Authority);
        // A private CA publishes no revocation list; rotate by issuing from a new CA or shortening certificate lifetimes.
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return own.Build(certificate);
    }
}
