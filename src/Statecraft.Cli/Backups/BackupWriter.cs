using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;

namespace Statecraft.Cli.Backups;

/// <summary>What to back up.</summary>
internal sealed record BackupSelection(bool ExcludeFinished, DateTimeOffset? Since)
{
    public bool Includes(GameHeader game) => !(ExcludeFinished && game.IsFinished) && (Since is not { } since || game.UpdatedAt >= since);

    public override string ToString() =>
        string.Join(", ", new[] { ExcludeFinished ? "unfinished games only" : null, Since is { } s ? $"changed since {s:u}" : null }.OfType<string>().DefaultIfEmpty("every game"));
}

/// <summary>Streams games from a store into a backup file, one game at a time (never the whole store in memory).</summary>
internal static class BackupWriter
{
    /// <summary>Writes the backup and its manifest; on failure (or past <paramref name="maxBytes"/>) deletes what it wrote.</summary>
    public static async Task<BackupManifest> CreateAsync(
        IGameStore store, string source, string path, BackupSelection selection, byte[]? key, long? maxBytes,
        Action<int, int> progress, CancellationToken cancellationToken)
    {
        var games = new List<string>();
        string? token = null;
        do
        {
            var page = await store.ListGamesAsync(token, 1000, cancellationToken).ConfigureAwait(false);
            games.AddRange(page.Games.Where(selection.Includes).Select(g => g.GameId));
            token = page.ContinuationToken;
        }
        while (token is not null);

        try
        {
            return await WriteAsync(store, source, path, selection, key, maxBytes, games, progress, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            File.Delete(path);
            File.Delete(path + BackupFormat.ManifestSuffix);
            throw;
        }
    }

    private static async Task<BackupManifest> WriteAsync(
        IGameStore store, string source, string path, BackupSelection selection, byte[]? key, long? maxBytes, List<string> games,
        Action<int, int> progress, CancellationToken cancellationToken)
    {
        var createdAt = DateTimeOffset.UtcNow;
        var checksums = new Dictionary<string, string>(StringComparer.Ordinal);
        long events = 0, snapshots = 0, uncompressed = 0;
        using var fileHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: false))
        {
            var counted = new HashingStream(file, fileHash);
            counted.Write(BackupFormat.Magic);
            counted.WriteByte(BackupFormat.Version);
            counted.WriteByte(key is null ? (byte)0 : BackupFormat.Encrypted);
            Stream body = counted;
            if (key is not null)
            {
                var nonce = RandomNumberGenerator.GetBytes(ChunkedAesGcm.NonceSize);
                counted.Write(nonce);
                body = new AesGcmWriteStream(counted, key, nonce);
            }

            await using (var gzip = new GZipStream(body, CompressionLevel.Optimal, leaveOpen: false))
            {
                uncompressed += await WriteLineAsync(gzip, new BackupHeaderLine("header", BackupFormat.Version, source, createdAt, "per-game"), cancellationToken).ConfigureAwait(false);
                var done = 0;
                foreach (var gameId in games)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    // Deleted since it was listed: nothing to keep.
                    if (await GameArchiver.ReadAsync(store, gameId, cancellationToken).ConfigureAwait(false) is { } game)
                    {
                        var line = JsonSerializer.SerializeToUtf8Bytes(new BackupGameLine("game", game), BackupFormat.Json);
                        checksums[gameId] = Convert.ToHexStringLower(SHA256.HashData(line));
                        await gzip.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                        gzip.WriteByte((byte)'\n');
                        uncompressed += line.Length + 1;
                        events += game.Events.Count;
                        snapshots += game.Snapshots.Count;
                        if (counted.Written > maxBytes)
                        {
                            throw new BackupTooLargeException($"The backup passed --max-size ({maxBytes:N0} bytes) after {checksums.Count} of {games.Count} games; nothing was kept. Back up fewer games (--exclude-finished, --since) or raise the limit.");
                        }
                    }

                    progress(++done, games.Count);
                }

                uncompressed += await WriteLineAsync(gzip, new BackupManifestLine("manifest", checksums.Count, events, snapshots, checksums), cancellationToken).ConfigureAwait(false);
            }

            if (counted.Written > maxBytes)
            {
                throw new BackupTooLargeException($"The backup is {counted.Written:N0} bytes, past --max-size ({maxBytes:N0}); nothing was kept.");
            }
        }

        var manifest = new BackupManifest(BackupFormat.Version, Path.GetFileName(path), source, createdAt, checksums.Count, events, snapshots,
            new FileInfo(path).Length, uncompressed, Convert.ToHexStringLower(fileHash.GetHashAndReset()), key is not null, "per-game", selection.ToString());
        await File.WriteAllBytesAsync(path + BackupFormat.ManifestSuffix, JsonSerializer.SerializeToUtf8Bytes(manifest, BackupFormat.IndentedJson), cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    private static async Task<int> WriteLineAsync<T>(Stream stream, T line, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(line, BackupFormat.Json);
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        stream.WriteByte((byte)'\n');
        return bytes.Length + 1;
    }
}

/// <summary>A backup refused because of --max-size.</summary>
internal sealed class BackupTooLargeException(string message) : Exception(message);

/// <summary>Passes writes through to a file while hashing and counting them.</summary>
internal sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
{
    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Written;

    public override long Position { get => Written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        hash.AppendData(buffer);
        inner.Write(buffer);
        Written += buffer.Length;
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
