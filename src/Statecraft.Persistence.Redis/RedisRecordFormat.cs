using System.Buffers.Binary;
using System.Text;
using Statecraft.Persistence.Records;

namespace Statecraft.Persistence.Redis;

/// <summary>
/// The bytes of one event or snapshot as a sorted-set member. Little-endian, fixed fields first, payload last:
/// <code>
/// event (format 2): [1 format][8 version][16 command id][8 command fingerprint][8 at UTC ticks][2 at offset minutes][4 schema][1 encoding][8 checksum][2 type length][type UTF-8][payload]
/// event (format 1): [1 format][8 version][16 command id]                       [8 at UTC ticks][2 at offset minutes][4 schema][1 encoding][8 checksum][2 type length][type UTF-8][payload]
/// snapshot:         [1 format][8 version]                                      [8 at UTC ticks][2 at offset minutes][4 schema][1 encoding][8 checksum][2 type length][type UTF-8][payload]
/// </code>
/// Events are written in format 2; format 1 events (written before command fingerprints were kept) still read, with
/// fingerprint 0.
/// The version inside the member keeps members unique per version (the score alone would not), and lets a read
/// return members without scores.
/// </summary>
internal static class RedisRecordFormat
{
    /// <summary>Bumped when the layout changes; readers refuse what they do not know instead of misreading it.</summary>
    private const byte Format = 1;

    /// <summary>The event layout written now: format 1 plus the command fingerprint.</summary>
    private const byte EventFormat = 2;

    private const int PayloadFieldsLength = 4 + 1 + 8 + 2;
    private const int EventFixedLength = 1 + 8 + 16 + 8 + 8 + 2 + PayloadFieldsLength;
    private const int EventV1FixedLength = 1 + 8 + 16 + 8 + 2 + PayloadFieldsLength;
    private const int SnapshotFixedLength = 1 + 8 + 8 + 2 + PayloadFieldsLength;

    public static byte[] Write(EventRecord record)
    {
        var type = TypeBytes(record.Payload);
        var buffer = new byte[EventFixedLength + type.Length + record.Payload.Data.Length];
        var span = buffer.AsSpan();
        span[0] = EventFormat;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], record.Version);
        record.CommandId.TryWriteBytes(span[9..]);
        BinaryPrimitives.WriteUInt64LittleEndian(span[25..], record.CommandFingerprint);
        WriteTimestamp(span[33..], record.At);
        WritePayload(span[43..], type, record.Payload);
        return buffer;
    }

    public static byte[] Write(SnapshotRecord record)
    {
        var type = TypeBytes(record.Payload);
        var buffer = new byte[SnapshotFixedLength + type.Length + record.Payload.Data.Length];
        var span = buffer.AsSpan();
        span[0] = Format;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], record.Version);
        WriteTimestamp(span[9..], record.At);
        WritePayload(span[19..], type, record.Payload);
        return buffer;
    }

    public static EventRecord ReadEvent(ReadOnlySpan<byte> member)
    {
        if (member.Length > 0 && member[0] == Format)
        {
            CheckHeader(member, EventV1FixedLength, "event");
            return new EventRecord(
                BinaryPrimitives.ReadInt64LittleEndian(member[1..]),
                new Guid(member.Slice(9, 16)),
                ReadTimestamp(member[25..]),
                ReadPayload(member[35..], "event"));
        }

        CheckHeader(member, EventFixedLength, "event", EventFormat);
        return new EventRecord(
            BinaryPrimitives.ReadInt64LittleEndian(member[1..]),
            new Guid(member.Slice(9, 16)),
            ReadTimestamp(member[33..]),
            ReadPayload(member[43..], "event"),
            BinaryPrimitives.ReadUInt64LittleEndian(member[25..]));
    }

    public static SnapshotRecord ReadSnapshot(ReadOnlySpan<byte> member)
    {
        CheckHeader(member, SnapshotFixedLength, "snapshot");
        return new SnapshotRecord(
            BinaryPrimitives.ReadInt64LittleEndian(member[1..]),
            ReadTimestamp(member[9..]),
            ReadPayload(member[19..], "snapshot"));
    }

    private static byte[] TypeBytes(EncodedPayload payload)
    {
        var type = Encoding.UTF8.GetBytes(payload.Type);
        return type.Length <= ushort.MaxValue
            ? type
            : throw new ArgumentException($"The payload type alias is {type.Length} bytes long; at most {ushort.MaxValue} fit.", nameof(payload));
    }

    private static void WriteTimestamp(Span<byte> span, DateTimeOffset at)
    {
        BinaryPrimitives.WriteInt64LittleEndian(span, at.UtcTicks);
        // Offsets are whole minutes within ±14 hours by construction of DateTimeOffset.
        BinaryPrimitives.WriteInt16LittleEndian(span[8..], (short)at.Offset.TotalMinutes);
    }

    private static DateTimeOffset ReadTimestamp(ReadOnlySpan<byte> span) =>
        new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(span), TimeSpan.Zero)
            .ToOffset(TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16LittleEndian(span[8..])));

    private static void WritePayload(Span<byte> span, byte[] type, EncodedPayload payload)
    {
        BinaryPrimitives.WriteInt32LittleEndian(span, payload.SchemaVersion);
        span[4] = (byte)payload.Encoding;
        BinaryPrimitives.WriteUInt64LittleEndian(span[5..], payload.Checksum);
        BinaryPrimitives.WriteUInt16LittleEndian(span[13..], (ushort)type.Length);
        type.CopyTo(span[15..]);
        payload.Data.CopyTo(span[(15 + type.Length)..]);
    }

    private static EncodedPayload ReadPayload(ReadOnlySpan<byte> span, string kind)
    {
        var typeLength = BinaryPrimitives.ReadUInt16LittleEndian(span[13..]);
        if (span.Length < 15 + typeLength)
        {
            throw new InvalidDataException($"A stored {kind} is truncated: its type alias runs past the end of the record.");
        }

        return new EncodedPayload(
            Encoding.UTF8.GetString(span.Slice(15, typeLength)),
            BinaryPrimitives.ReadInt32LittleEndian(span),
            (PayloadEncoding)span[4],
            span[(15 + typeLength)..].ToArray(),
            BinaryPrimitives.ReadUInt64LittleEndian(span[5..]));
    }

    private static void CheckHeader(ReadOnlySpan<byte> member, int fixedLength, string kind, byte format = Format)
    {
        if (member.Length < fixedLength)
        {
            throw new InvalidDataException($"A stored {kind} is {member.Length} bytes, shorter than the {fixedLength} bytes of its fixed fields.");
        }

        if (member[0] != format)
        {
            throw new InvalidDataException($"A stored {kind} has record format {member[0]}; this build reads format {format}. Upgrade the silo instead of downgrading the data.");
        }
    }
}
