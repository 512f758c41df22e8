using System.Text;
using Statecraft.Cli.Infrastructure;

namespace Statecraft.Cli.Backups;

/// <summary>
/// The 256-bit backup key, from a file (32 raw bytes, or their base64 or hex as text) or an environment variable (base64
/// or hex) — never from the command line, never printed.
/// </summary>
internal static class BackupKey
{
    public const string DefaultVariable = "STATECRAFT_BACKUP_KEY";

    public static byte[]? Load(FileInfo? file, string? variable)
    {
        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new CliFailure(ExitCodes.Usage, $"Key file {file.FullName}: no such file.");
            }

            var bytes = File.ReadAllBytes(file.FullName);
            return bytes.Length == ChunkedAesGcm.KeySize ? bytes : Decode(Encoding.UTF8.GetString(bytes).Trim(), $"key file {file.FullName}");
        }

        if (variable is not null)
        {
            var text = Environment.GetEnvironmentVariable(variable);
            return string.IsNullOrWhiteSpace(text)
                ? throw new CliFailure(ExitCodes.Usage, $"Environment variable {variable} is not set.")
                : Decode(text.Trim(), $"environment variable {variable}");
        }

        return null;
    }

    private static byte[] Decode(string text, string source)
    {
        try
        {
            var key = text.Length == ChunkedAesGcm.KeySize * 2 && text.All(Uri.IsHexDigit) ? Convert.FromHexString(text) : Convert.FromBase64String(text);
            if (key.Length == ChunkedAesGcm.KeySize)
            {
                return key;
            }
        }
        catch (FormatException)
        {
            // Reported below, without echoing the text.
        }

        throw new CliFailure(ExitCodes.Usage, $"The {source} does not hold a 256-bit key (32 bytes, or their base64 or hex; for example: openssl rand -base64 32).");
    }
}
