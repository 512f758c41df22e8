using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Statecraft.Cli.Backups;

/// <summary>A backup that must not be restored: truncated, tampered with, the wrong key, an unknown format. Nothing was written.</summary>
internal sealed class BackupRejectedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Reads a backup file game by game, checking everything on the way; a problem rejects the whole file.</summary>
internal static class BackupReader
{
    /// <summary>
    /// Reads <paramref name="path"/>, handing each verified game to <paramref name="onGame"/> (which may be null for a
    /// validation pass). Checks: the sidecar manifest's SHA-256 of the file (when the sidecar exists), the format
    /// version, the encryption (key, every chunk's tag, no truncation), every record's checksum and the stream each game
    /// forms, each game line against the manifest line's SHA-256, and the counts. Throws
    /// <see cref="BackupRejectedException"/> with the first problem.
    /// </summary>
    public static async Task<BackupManifestLine> ReadAsync(string path, byte[]? key, Func<ArchivedGame, Task>? onGame, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new BackupRejectedException($"{path}: no such file.");
        }

        await CheckSidecarAsync(path, cancellationToken).ConfigureAwait(false);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var preamble = new byte[6];
        if (await file.ReadAtLeastAsync(preamble, preamble.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < preamble.Length
            || !preamble.AsSpan(0, 4).SequenceEqual(BackupFormat.Magic))
        {
            throw new BackupRejectedException($"{path} is not a Statecraft backup.");
        }

        if (preamble[4] != BackupFormat.Version)
        {
            throw new BackupRejectedException($"{path} has backup format version {preamble[4]}; this tool reads version {BackupFormat.Version}. Use the statecraft release that wrote it.");
        }

        Stream body = file;
        if ((preamble[5] & BackupFormat.Encrypted) != 0)
        {
            if (key is null)
            {
                throw new BackupRejectedException($"{path} is encrypted: give its key with --key-file or --key-env (or set {BackupKey.DefaultVariable}).");
            }

            var nonce = new byte[ChunkedAesGcm.NonceSize];
            await file.ReadExactlyAsync(nonce, cancellationToken).ConfigureAwait(false);
            body = new AesGcmReadStream(file, key, nonce);
        }

        try
        {
            await using var gzip = new GZipStream(body, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, new UTF8Encoding(false, throwOnInvalidBytes: true));
            return await ReadLinesAsync(reader, onGame, cancellationToken).ConfigureAwait(false);
        }
        catch (CryptographicException exception)
        {
            throw new BackupRejectedException($"{path} cannot be decrypted with this key, or was damaged or cut short: {exception.Message}.", exception);
        }
        catch (Exception exception) when (exception is InvalidDataException or JsonException or DecoderFallbackException or EndOfStreamException)
        {
            throw new BackupRejectedException($"{path} is damaged: {exception.Message}", exception);
        }
    }

    private static async Task<BackupManifestLine> ReadLinesAsync(StreamReader reader, Func<ArchivedGame, Task>? onGame, CancellationToken cancellationToken)
    {
        var header = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } first
            ? JsonSerializer.Deserialize<BackupHeaderLine>(first, BackupFormat.Json)
            : null;
        if (header is not { Kind: "header" } || header.FormatVersion != BackupFormat.Version)
        {
            throw new BackupRejectedException("the backup does not start with its header line.");
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        long events = 0, snapshots = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var kind = JsonDocument.Parse(line).RootElement.GetProperty("kind").GetString();
            if (kind == "manifest")
            {
                var manifest = JsonSerializer.Deserialize<BackupManifestLine>(line, BackupFormat.Json)!;
                if (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is not null)
                {
                    throw new BackupRejectedException("lines follow the manifest.");
                }

                CheckManifest(manifest, seen, events, snapshots);
                return manifest;
            }

            if (kind != "game")
            {
                throw new BackupRejectedException($"unknown line kind '{kind}'.");
            }

            var game = JsonSerializer.Deserialize<BackupGameLine>(line, BackupFormat.Json)!.Game;
            if (game.FindDamage() is { } damage)
            {
                throw new BackupRejectedException(damage);
            }

            seen[game.GameId] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line)));
            events += game.Events.Count;
            snapshots += game.Snapshots.Count;
            if (onGame is not null)
            {
                await onGame(game).ConfigureAwait(false);
            }
        }

        throw new BackupRejectedException("the backup ends without its manifest (cut short).");
    }

    private static void CheckManifest(BackupManifestLine manifest, Dictionary<string, string> seen, long events, long snapshots)
    {
        if (manifest.Games != seen.Count || manifest.Events != events || manifest.Snapshots != snapshots)
        {
            throw new BackupRejectedException($"the manifest counts {manifest.Games} games, {manifest.Events} events, {manifest.Snapshots} snapshots; the file holds {seen.Count}, {events}, {snapshots}.");
        }

        foreach (var (gameId, sha) in seen)
        {
            if (!manifest.GameSha256.TryGetValue(gameId, out var expected) || expected != sha)
            {
                throw new BackupRejectedException($"game {gameId} does not match its checksum in the manifest.");
            }
        }
    }

    private static async Task CheckSidecarAsync(string path, CancellationToken cancellationToken)
    {
        var sidecar = path + BackupFormat.ManifestSuffix;
        if (!File.Exists(sidecar))
        {
            return;
        }

        var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllBytesAsync(sidecar, cancellationToken).ConfigureAwait(false), BackupFormat.Json);
        await using var file = File.OpenRead(path);
        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
        if (manifest is null || !string.Equals(manifest.Sha256, sha, StringComparison.Ordinal))
        {
            throw new BackupRejectedException($"{path} does not match the SHA-256 in {Path.GetFileName(sidecar)} (changed or damaged since it was written).");
        }
    }
}
