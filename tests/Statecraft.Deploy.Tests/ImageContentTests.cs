using System.Formats.Tar;
using System.Text;
using System.Text.RegularExpressions;

namespace Statecraft.Deploy.Tests;

/// <summary>
/// No secret ships in the image: its filesystem holds no private key, key store, credentials file or secret-looking
/// value, and its configuration (environment, build history) names no password or key.
/// </summary>
[Collection(DockerSuite.Name)]
public sealed partial class ImageContentTests(SiloImage image)
{
    /// <summary>Larger files are runtime binaries, read in part only; secrets live in small text files.</summary>
    private const int MaxScannedBytes = 4 * 1024 * 1024;

    [Fact]
    public async Task The_image_filesystem_and_configuration_hold_no_secret()
    {
        Assert.NotNull(image);
        var container = (await Docker.RunAsync("create", SiloImage.Name)).Trim();
        var findings = new List<(string File, string What)>();
        // Files a Debian package installed come verbatim from Debian (libgnutls carries the private keys of its FIPS
        // self-tests, public test vectors); they are listed in dpkg's file lists and judged by Debian, not here.
        var packaged = new HashSet<string>(StringComparer.Ordinal);
        var scanned = 0;
        try
        {
            var export = Path.Combine(Path.GetTempPath(), $"statecraft-image-{Guid.NewGuid():N}.tar");
            try
            {
                await Docker.RunAsync("export", "-o", export, container);
                await using var tar = new TarReader(File.OpenRead(export));
                while (await tar.GetNextEntryAsync(cancellationToken: TestContext.Current.CancellationToken) is { } entry)
                {
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                    {
                        continue;
                    }

                    scanned++;
                    var name = "/" + entry.Name.TrimStart('.', '/');
                    if (ForbiddenFile().IsMatch(name))
                    {
                        findings.Add((name, "a key, key store or credentials file"));
                        continue;
                    }

                    var buffer = new byte[Math.Min(entry.Length, MaxScannedBytes)];
                    await entry.DataStream.ReadExactlyAsync(buffer, TestContext.Current.CancellationToken);
                    var text = Encoding.Latin1.GetString(buffer);
                    if (name.StartsWith("/var/lib/dpkg/info/", StringComparison.Ordinal) && name.EndsWith(".list", StringComparison.Ordinal))
                    {
                        packaged.UnionWith(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                        continue;
                    }

                    foreach (var (pattern, what) in SecretValues)
                    {
                        if (pattern.IsMatch(text))
                        {
                            findings.Add((name, what));
                        }
                    }
                }
            }
            finally
            {
                File.Delete(export);
            }
        }
        finally
        {
            await Docker.RemoveAsync(container);
        }

        Assert.True(scanned > 1000, $"only {scanned} files scanned: the export did not work");
        Assert.True(packaged.Count > 1000, $"only {packaged.Count} packaged files listed: dpkg's file lists were not read");
        var unpackaged = findings.Where(finding => !packaged.Contains(finding.File)).Select(finding => $"{finding.File}: {finding.What}").ToList();
        Assert.True(unpackaged.Count == 0, "Secrets in the image:\n" + string.Join("\n", unpackaged));

        var environment = await Docker.RunAsync("image", "inspect", "-f", "{{range .Config.Env}}{{println .}}{{end}}", SiloImage.Name);
        var history = await Docker.RunAsync("history", "--no-trunc", "--format", "{{.CreatedBy}}", SiloImage.Name);
        foreach (var line in environment.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.False(SecretName().IsMatch(line.Split('=')[0]), $"the image sets {line}");
        }

        Assert.DoesNotMatch(SecretAssignment(), history);
    }

    private static readonly (Regex Pattern, string What)[] SecretValues =
    [
        (PemPrivateKey(), "a PEM private key"),
        (AwsAccessKeyId(), "an AWS access key id"),
        (ConnectionStringPassword(), "a password in a connection string"),
    ];

    [GeneratedRegex(@"(\.(pfx|p12|jks|keystore|pem|key)|/\.env|/id_(rsa|ecdsa|ed25519)|/\.aws/credentials|/\.docker/config\.json|/\.git-credentials)$", RegexOptions.IgnoreCase)]
    private static partial Regex ForbiddenFile();

    // A whole PEM block (header, base64 body, footer): TLS libraries contain the header text on its own.
    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+/=\r\n]{64,}-----END")]
    private static partial Regex PemPrivateKey();

    [GeneratedRegex(@"\bA(KI|SI)A[0-9A-Z]{16}\b")]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"[,;""]\s*password\s*=\s*[^,;""\s]{4,}", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex("PASSWORD|SECRET|TOKEN|ACCESS_?KEY", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(PASSWORD|SECRET|TOKEN|ACCESS_?KEY)\w*=\S", RegexOptions.IgnoreCase)]
    private static partial Regex SecretAssignment();
}
