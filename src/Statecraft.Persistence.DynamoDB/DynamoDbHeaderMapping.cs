using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Statecraft.Persistence.Records;
using static Statecraft.Persistence.DynamoDB.DynamoDbAttributes;
using static Statecraft.Persistence.DynamoDB.DynamoDbValues;

namespace Statecraft.Persistence.DynamoDB;

/// <summary>
/// The header item: the game's metadata, the stream version that every append is conditioned on, the last batch (to
/// recognise retries), and the index of stored snapshots.
/// </summary>
internal static class DynamoDbHeaderMapping
{
    /// <summary>
    /// The header write of an append, conditioned on the expected version. It is an update rather than a put so the
    /// snapshot index is extended in place: the append never has to read the header first.
    /// </summary>
    public static Update AppendUpdate(string tableName, AppendRequest request, int? snapshotParts, long? expiresAt)
    {
        var header = request.Header;
        var names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["#ruleset"] = Ruleset,
            ["#phase"] = Phase,
            ["#version"] = DynamoDbAttributes.Version,
            ["#updatedAt"] = UpdatedAt,
            ["#updatedAtOffset"] = UpdatedAtOffset,
            ["#finishedAt"] = FinishedAt,
            ["#finishedAtOffset"] = FinishedAtOffset,
            ["#lastBatchId"] = LastBatchId,
            ["#lastBatchExpected"] = LastBatchExpected,
            ["#gameId"] = DynamoDbKeys.HeaderIndexKey,
        };
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [":ruleset"] = String(header.RulesetId),
            [":phase"] = String(header.Phase),
            [":version"] = Number(header.Version),
            [":updatedAt"] = Number(header.UpdatedAt.UtcTicks),
            [":updatedAtOffset"] = Number(OffsetMinutes(header.UpdatedAt)),
            [":lastBatchId"] = Binary(request.BatchId.ToByteArray()),
            [":lastBatchExpected"] = Number(request.ExpectedVersion),
            [":gameId"] = String(header.GameId),
            [":expected"] = Number(request.ExpectedVersion),
        };
        List<string> set =
        [
            "#ruleset = :ruleset", "#phase = :phase", "#version = :version", "#updatedAt = :updatedAt", "#updatedAtOffset = :updatedAtOffset",
            "#lastBatchId = :lastBatchId", "#lastBatchExpected = :lastBatchExpected", "#gameId = :gameId",
        ];
        List<string> remove = [];
        if (header.FinishedAt is { } finishedAt)
        {
            set.Add("#finishedAt = :finishedAt");
            set.Add("#finishedAtOffset = :finishedAtOffset");
            values[":finishedAt"] = Number(finishedAt.UtcTicks);
            values[":finishedAtOffset"] = Number(OffsetMinutes(finishedAt));
        }
        else
        {
            remove.Add("#finishedAt");
            remove.Add("#finishedAtOffset");
        }

        if (expiresAt is { } expires)
        {
            names["#expiresAt"] = ExpiresAt;
            set.Add("#expiresAt = :expiresAt");
            values[":expiresAt"] = Number(expires);
        }

        if (request.ExpectedVersion == 0)
        {
            // A new stream starts its snapshot index; later appends add to it by path, which needs the map to exist.
            var index = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
            if (request.Snapshot is { } first)
            {
                index[VersionName(first.Version)] = Number(snapshotParts!.Value);
            }

            names["#snapshots"] = Snapshots;
            set.Add("#snapshots = :snapshots");
            values[":snapshots"] = new AttributeValue { M = index };
        }
        else if (request.Snapshot is { } snapshot)
        {
            // DynamoDB rejects placeholders an expression does not use, so names are added only with their clause.
            names["#snapshots"] = Snapshots;
            names["#snapshot"] = VersionName(snapshot.Version);
            set.Add("#snapshots.#snapshot = :snapshotParts");
            values[":snapshotParts"] = Number(snapshotParts!.Value);
        }

        return new Update
        {
            TableName = tableName,
            Key = Key(header.GameId, DynamoDbKeys.Header),
            UpdateExpression = $"SET {string.Join(", ", set)}" + (remove.Count > 0 ? $" REMOVE {string.Join(", ", remove)}" : ""),
            // A header at version 0 can exist only after a snapshot-only append at version 0; it counts as new as well.
            ConditionExpression = request.ExpectedVersion == 0 ? "attribute_not_exists(#version) OR #version = :expected" : "#version = :expected",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            // The current header comes back with a failed condition, so a conflict costs no extra read.
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
    }

    public static GameHeader ReadHeader(Dictionary<string, AttributeValue> item) => new(
        GetString(item, DynamoDbKeys.PartitionKey),
        GetString(item, Ruleset),
        GetString(item, Phase),
        GetLong(item, DynamoDbAttributes.Version),
        ToDateTimeOffset(GetLong(item, UpdatedAt), GetLong(item, UpdatedAtOffset)),
        TryGetLong(item, FinishedAt) is { } finishedAt ? ToDateTimeOffset(finishedAt, GetLong(item, FinishedAtOffset)) : null);

    /// <summary>The stream position an append is judged against: 0 and no batch when there is no header.</summary>
    public static (long Version, Guid? LastBatchId, long LastBatchExpected) ReadPosition(Dictionary<string, AttributeValue>? item) =>
        item is { Count: > 0 }
            ? (GetLong(item, DynamoDbAttributes.Version), new Guid(GetBytes(item, LastBatchId)), GetLong(item, LastBatchExpected))
            : (0, null, -1);

    /// <summary>Stored snapshot versions, oldest first, with the number of items each spans.</summary>
    public static SortedList<long, int> ReadSnapshotIndex(Dictionary<string, AttributeValue> item)
    {
        var index = new SortedList<long, int>();
        if (item.TryGetValue(Snapshots, out var map) && map.M is { } entries)
        {
            foreach (var (version, parts) in entries)
            {
                index[long.Parse(version, NumberStyles.None, CultureInfo.InvariantCulture)] = int.Parse(parts.N, NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        return index;
    }

    /// <summary>The key of a snapshot in the header's index map.</summary>
    public static string VersionName(long version) => version.ToString(CultureInfo.InvariantCulture);
}
