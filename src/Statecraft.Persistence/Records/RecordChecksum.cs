using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Statecraft.Persistence.Records;

/// <summary>
/// The checksum stored with every event and snapshot: XxHash64 over the game id, the record kind and version, the
/// type alias, schema version, encoding and bytes. Binding the game and version means a record copied to the wrong place
/// fails the check just like a flipped byte.
/// </summary>
public static class RecordChecksum
{
    /// <summary>Which kind of record is checked.</summary>
    public enum Kind : byte
    {
        /// <summary>An event.</summary>
        Event = 1,

        /// <summary>A snapshot.</summary>
        Snapshot = 2,
    }

    /// <summary>Computes the checksum.</summary>
    public static ulong Compute(string gameId, Kind kind, long version, string type, int schemaVersion, PayloadEncoding encoding, ReadOnlySpan<byte> data)
    {
        var hash = new XxHash64();
        hash.Append(Encoding.UTF8.GetBytes(gameId));
        Span<byte> header = stackalloc byte[1 + 8 + 4 + 1];
        header[0] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(header[1..], version);
        BinaryPrimitives.WriteInt32LittleEndian(header[9..], schemaVersion);
        header[13] = (byte)encoding;
        hash.Append(header);
        hash.Append(Encoding.UTF8.GetBytes(type));
        hash.Append(data);
        return hash.GetCurrentHashAsUInt64();
    }

    /// <summary>True when <paramref name="payload"/> still matches its checksum.</summary>
    public static bool IsIntact(string gameId, Kind kind, long version, EncodedPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Compute(gameId, kind, version, payload.Type, payload.SchemaVersion, payload.Encoding, payload.Data) == payload.Checksum;
    }
}
