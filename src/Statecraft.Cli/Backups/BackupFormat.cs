using System.Text.Json;
using System.Text.Json.Serialization;

namespace Statecraft.Cli.Backups;

/// <summary>
/// The backup file: <c>SCBK</c>, a format version byte, a flags byte (1 = encrypted), the 12-byte base nonce when
/// encrypted; then (decrypted) a gzip stream of JSON lines — a header line, one line per game (its records as stored,
/// payload bytes in base64) and a manifest line with the counts and each game line's SHA-256. Next to it,
/// <c>FILE.manifest.json</c> describes the file, with the SHA-256 of its bytes.
/// </summary>
internal static class BackupFormat
{
    public const int Version = 1;
    public const byte Encrypted = 1;
    public const string Extension = ".scbak";
    public const string ManifestSuffix = ".manifest.json";

    public static ReadOnlySpan<byte> Magic => "SCBK"u8;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static readonly JsonSerializerOptions IndentedJson = new(Json) { WriteIndented = true };
}

/// <summary>The first line: what the backup is of.</summary>
internal sealed record BackupHeaderLine(string Kind, int FormatVersion, string Source, DateTimeOffset CreatedAt, string Consistency);

/// <summary>One game.</summary>
internal sealed record BackupGameLine(string Kind, ArchivedGame Game);

/// <summary>The last line: what the lines before it must add up to.</summary>
internal sealed record BackupManifestLine(string Kind, int Games, long Events, long Snapshots, IReadOnlyDictionary<string, string> GameSha256);

/// <summary>The sidecar file <c>FILE.manifest.json</c>: for <c>backup list</c> and the whole-file check.</summary>
internal sealed record BackupManifest(
    int FormatVersion,
    string File,
    string Source,
    DateTimeOffset CreatedAt,
    int Games,
    long Events,
    long Snapshots,
    long Bytes,
    long UncompressedBytes,
    string Sha256,
    bool Encrypted,
    string Consistency,
    string Selection);
