using Amazon.DynamoDBv2.Model;
using Statecraft.Persistence.Records;
using static Statecraft.Persistence.DynamoDB.DynamoDbAttributes;
using static Statecraft.Persistence.DynamoDB.DynamoDbValues;

namespace Statecraft.Persistence.DynamoDB;

/// <summary>
/// How events and snapshots map to items. A record is one item holding its metadata and the first
/// <c>maxItemBytes</c> of its payload; whatever is left goes into chunk items of the same size limit, which sort right
/// after it (see <see cref="DynamoDbKeys"/>).
/// </summary>
internal static class DynamoDbRecordMapping
{
    public static List<Dictionary<string, AttributeValue>> EventItems(string gameId, EventRecord record, int maxItemBytes, long? expiresAt)
    {
        var items = RecordItems(gameId, DynamoDbKeys.Event(record.Version), record.Version, record.At, record.Payload, maxItemBytes, expiresAt);
        items[0][CommandId] = Binary(record.CommandId.ToByteArray());
        if (record.CommandFingerprint != 0)
        {
            items[0][CommandFingerprint] = Number(record.CommandFingerprint);
        }

        return items;
    }

    public static List<Dictionary<string, AttributeValue>> SnapshotItems(string gameId, SnapshotRecord record, int maxItemBytes, long? expiresAt) =>
        RecordItems(gameId, DynamoDbKeys.Snapshot(record.Version), record.Version, record.At, record.Payload, maxItemBytes, expiresAt);

    /// <summary>How many items a payload of <paramref name="length"/> bytes takes.</summary>
    public static int PartsFor(int length, int maxItemBytes) => Math.Max(1, (length + maxItemBytes - 1) / maxItemBytes);

    /// <summary>Event records from items in sort-key order, chunks reassembled.</summary>
    public static List<EventRecord> ReadEvents(IEnumerable<Dictionary<string, AttributeValue>> items) =>
        [.. Assemble(items).Select(record => new EventRecord(
            GetLong(record.Item, DynamoDbAttributes.Version),
            new Guid(GetBytes(record.Item, CommandId)),
            ReadAt(record.Item),
            ReadPayload(record.Item, record.Data),
            // Absent on events written before fingerprints were kept.
            TryGetUnsigned(record.Item, CommandFingerprint) ?? 0))];

    /// <summary>The first snapshot record among items in sort-key order, chunks reassembled; null when there is none.</summary>
    public static SnapshotRecord? ReadSnapshot(IEnumerable<Dictionary<string, AttributeValue>> items) =>
        Assemble(items).Select(record => new SnapshotRecord(
            GetLong(record.Item, DynamoDbAttributes.Version),
            ReadAt(record.Item),
            ReadPayload(record.Item, record.Data))).FirstOrDefault();

    private static List<Dictionary<string, AttributeValue>> RecordItems(
        string gameId, string recordKey, long version, DateTimeOffset at, EncodedPayload payload, int maxItemBytes, long? expiresAt)
    {
        var data = payload.Data;
        var parts = PartsFor(data.Length, maxItemBytes);
        var items = new List<Dictionary<string, AttributeValue>>(parts);
        for (var part = 0; part < parts; part++)
        {
            var start = part * maxItemBytes;
            var item = Key(gameId, part == 0 ? recordKey : DynamoDbKeys.Chunk(recordKey, part));
            item[Payload] = Binary(data.AsSpan(start, Math.Min(maxItemBytes, data.Length - start)));
            if (expiresAt is { } expires)
            {
                item[ExpiresAt] = Number(expires);
            }

            items.Add(item);
        }

        var record = items[0];
        record[DynamoDbAttributes.Version] = Number(version);
        record[At] = Number(at.UtcTicks);
        record[AtOffset] = Number(OffsetMinutes(at));
        record[DynamoDbAttributes.Type] = String(payload.Type);
        record[SchemaVersion] = Number(payload.SchemaVersion);
        record[Encoding] = Number((long)payload.Encoding);
        record[Checksum] = Number(payload.Checksum);
        record[Parts] = Number(parts);
        return items;
    }

    /// <summary>
    /// Groups record items with the chunks that follow them. Only the chunks the record announces are used: a record
    /// rewritten with fewer parts (a catch-up snapshot at an existing version) may leave stale chunks behind. A missing
    /// chunk gives shorter bytes, which fail the checksum above the store like any other damage.
    /// </summary>
    private static IEnumerable<(Dictionary<string, AttributeValue> Item, byte[] Data)> Assemble(IEnumerable<Dictionary<string, AttributeValue>> items)
    {
        Dictionary<string, AttributeValue>? record = null;
        string? recordKey = null;
        var parts = new List<byte[]>();
        long expected = 0;
        foreach (var item in items)
        {
            var sortKey = GetString(item, DynamoDbKeys.SortKey);
            if (!DynamoDbKeys.IsChunk(sortKey))
            {
                if (record is not null)
                {
                    yield return (record, Concat(parts));
                }

                record = item;
                recordKey = sortKey;
                expected = GetLong(item, Parts);
                parts = [GetBytes(item, Payload)];
            }
            else if (record is not null && parts.Count < expected && sortKey == DynamoDbKeys.Chunk(recordKey!, parts.Count))
            {
                parts.Add(GetBytes(item, Payload));
            }
        }

        if (record is not null)
        {
            yield return (record, Concat(parts));
        }
    }

    private static byte[] Concat(List<byte[]> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var data = new byte[parts.Sum(part => part.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(data, offset);
            offset += part.Length;
        }

        return data;
    }

    private static DateTimeOffset ReadAt(Dictionary<string, AttributeValue> item) => ToDateTimeOffset(GetLong(item, At), GetLong(item, AtOffset));

    private static EncodedPayload ReadPayload(Dictionary<string, AttributeValue> item, byte[] data) => new(
        GetString(item, DynamoDbAttributes.Type),
        (int)GetLong(item, SchemaVersion),
        (PayloadEncoding)GetLong(item, Encoding),
        data,
        GetUnsigned(item, Checksum));
}
