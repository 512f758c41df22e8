using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Statecraft.Cli.Backups;

/// <summary>
/// AES-256-GCM over a stream of any length, in chunks of <see cref="ChunkSize"/> bytes each sealed on its own: the
/// nonce is the file's random base nonce with the chunk number mixed in, and each chunk's associated data is its number
/// and whether it is the last. A flipped byte, a reordered, dropped or appended chunk and a file cut short (no final
/// chunk) all fail authentication; nothing is released before its chunk is verified.
/// </summary>
internal static class ChunkedAesGcm
{
    public const int ChunkSize = 64 * 1024;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int KeySize = 32;

    public static byte[] Nonce(ReadOnlySpan<byte> baseNonce, long chunk)
    {
        var nonce = baseNonce.ToArray();
        var counter = BinaryPrimitives.ReadInt64BigEndian(nonce.AsSpan(4)) ^ chunk;
        BinaryPrimitives.WriteInt64BigEndian(nonce.AsSpan(4), counter);
        return nonce;
    }

    public static byte[] AssociatedData(long chunk, bool final)
    {
        var data = new byte[9];
        BinaryPrimitives.WriteInt64BigEndian(data, chunk);
        data[8] = final ? (byte)1 : (byte)0;
        return data;
    }
}

/// <summary>Encrypts what is written to it onto <c>inner</c>; <see cref="Stream.Dispose()"/> seals the final chunk.</summary>
internal sealed class AesGcmWriteStream(Stream inner, byte[] key, byte[] baseNonce) : Stream
{
    private readonly AesGcm _aes = new(key, ChunkedAesGcm.TagSize);
    private readonly byte[] _buffer = new byte[ChunkedAesGcm.ChunkSize];
    private int _filled;
    private long _chunk;
    private bool _sealed;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            if (_filled == _buffer.Length)
            {
                // Only a full buffer with more to come is sealed as "not final".
                Seal(final: false);
            }

            var take = Math.Min(buffer.Length, _buffer.Length - _filled);
            buffer[..take].CopyTo(_buffer.AsSpan(_filled));
            _filled += take;
            buffer = buffer[take..];
        }
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_sealed)
        {
            Seal(final: true);
            _sealed = true;
            inner.Flush();
            _aes.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Seal(bool final)
    {
        var cipher = new byte[_filled];
        var tag = new byte[ChunkedAesGcm.TagSize];
        _aes.Encrypt(ChunkedAesGcm.Nonce(baseNonce, _chunk), _buffer.AsSpan(0, _filled), cipher, tag, ChunkedAesGcm.AssociatedData(_chunk, final));
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, _filled);
        inner.Write(length);
        inner.Write(cipher);
        inner.Write(tag);
        _chunk++;
        _filled = 0;
    }
}

/// <summary>Decrypts and verifies <c>inner</c> chunk by chunk; throws <see cref="CryptographicException"/> on tampering, a wrong key or truncation.</summary>
internal sealed class AesGcmReadStream(Stream inner, byte[] key, byte[] baseNonce) : Stream
{
    private readonly AesGcm _aes = new(key, ChunkedAesGcm.TagSize);
    private byte[] _plain = [];
    private int _offset;
    private long _chunk;
    private bool _final;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_offset == _plain.Length)
        {
            if (_final)
            {
                return 0;
            }

            NextChunk();
        }

        var take = Math.Min(buffer.Length, _plain.Length - _offset);
        _plain.AsSpan(_offset, take).CopyTo(buffer);
        _offset += take;
        return take;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _aes.Dispose();
        }

        base.Dispose(disposing);
    }

    private void NextChunk()
    {
        Span<byte> length = stackalloc byte[4];
        if (!ReadExactly(inner, length))
        {
            throw new CryptographicException("the encrypted backup ends before its final chunk (truncated)");
        }

        var size = BinaryPrimitives.ReadInt32BigEndian(length);
        if (size is < 0 or > ChunkedAesGcm.ChunkSize)
        {
            throw new CryptographicException($"an encrypted chunk claims {size} bytes (damaged)");
        }

        var cipher = new byte[size];
        var tag = new byte[ChunkedAesGcm.TagSize];
        if (!ReadExactly(inner, cipher) || !ReadExactly(inner, tag))
        {
            throw new CryptographicException("the encrypted backup ends inside a chunk (truncated)");
        }

        var plain = new byte[size];
        // A chunk is final when it authenticates as final; a shorter one that does not is damage, not the end.
        try
        {
            _aes.Decrypt(ChunkedAesGcm.Nonce(baseNonce, _chunk), cipher, tag, plain, ChunkedAesGcm.AssociatedData(_chunk, final: size < ChunkedAesGcm.ChunkSize));
            _final = size < ChunkedAesGcm.ChunkSize;
        }
        catch (AuthenticationTagMismatchException) when (size == ChunkedAesGcm.ChunkSize)
        {
            _aes.Decrypt(ChunkedAesGcm.Nonce(baseNonce, _chunk), cipher, tag, plain, ChunkedAesGcm.AssociatedData(_chunk, final: true));
            _final = true;
        }

        if (_final && inner.ReadByte() != -1)
        {
            throw new CryptographicException("data follows the final encrypted chunk (damaged)");
        }

        _plain = plain;
        _offset = 0;
        _chunk++;
    }

    private static bool ReadExactly(Stream stream, Span<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer[read..]);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
