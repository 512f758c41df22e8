namespace Statecraft.Client.Security;

/// <summary>
/// Mutual TLS on Orleans connections (silo to silo, client to gateway): every side shows a certificate issued by the
/// cluster's own CA and accepts only peers whose certificate chains to that CA. Bound from <c>Statecraft:Tls</c> on a
/// silo and <c>Statecraft:Client:Tls</c> on a client; the files are PEM, as a Kubernetes TLS Secret mounts them.
/// </summary>
public sealed class MutualTlsOptions
{
    /// <summary>The default name silo certificates carry (subject alternative name) and clients check for.</summary>
    public const string DefaultServerName = "statecraft-silo";

    /// <summary>Switches TLS on; off by default (a single machine, or a network that is already private and encrypted).</summary>
    public bool Enabled { get; set; }

    /// <summary>This side's certificate (PEM), for example <c>/etc/statecraft/tls/tls.crt</c>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate's private key (PEM, unencrypted PKCS#8 or RSA/EC), for example <c>/etc/statecraft/tls/tls.key</c>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The CA certificate (PEM) every peer's certificate must chain to, for example <c>/etc/statecraft/tls/ca.crt</c>.</summary>
    public string? CaPath { get; set; }

    /// <summary>
    /// The DNS name every silo certificate carries as a subject alternative name; a connecting side (a client, or a
    /// silo calling another) checks for it, since Orleans connects by IP address and pod IPs change.
    /// </summary>
    public string ServerName { get; set; } = DefaultServerName;
}
