using System.Globalization;

namespace Statecraft.Persistence.DynamoDB;

/// <summary>
/// The table's keys. A game is one partition (<see cref="PartitionKey"/> = game id); the sort key says what an item is:
/// <c>H</c> the header, <c>E#{version:D20}</c> an event, <c>S#{version:D20}</c> a snapshot, and
/// <c>{record}#C#{part:D4}</c> the second and later chunks of a record too large for one item. Zero-padded versions sort
/// numerically, events sort before the header and snapshots after it, and a record's chunks sort right after it and
/// before the next record, so every read is one contiguous key range.
/// </summary>
internal static class DynamoDbKeys
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";

    /// <summary>The sort key of the header item.</summary>
    public const string Header = "H";

    /// <summary>A sparse global secondary index: only header items carry its key, so it lists games and nothing else.</summary>
    public const string HeaderIndex = "headers";

    /// <summary>The key of <see cref="HeaderIndex"/>: the game id again, present on header items only.</summary>
    public const string HeaderIndexKey = "gameId";

    public const string EventPrefix = "E#";
    public const string SnapshotPrefix = "S#";

    private const string ChunkMarker = "#C#";

    public static string Event(long version) => EventPrefix + Pad(version);

    public static string Snapshot(long version) => SnapshotPrefix + Pad(version);

    /// <summary>The sort key of chunk <paramref name="part"/> (1-based after the record item itself) of a record.</summary>
    public static string Chunk(string recordKey, int part) => $"{recordKey}{ChunkMarker}{part.ToString("D4", CultureInfo.InvariantCulture)}";

    /// <summary>A bound above every chunk of <paramref name="recordKey"/> and below the next record: '~' sorts after "C".</summary>
    public static string EndOf(string recordKey) => recordKey + "#~";

    public static bool IsChunk(string sortKey) => sortKey.Contains(ChunkMarker, StringComparison.Ordinal);

    /// <summary>The version in an event or snapshot sort key (record or chunk).</summary>
    public static long VersionOf(string sortKey) => long.Parse(sortKey.AsSpan(2, 20), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Versions below zero do not exist; clamping keeps range bounds well-formed.</summary>
    private static string Pad(long version) => Math.Max(0, version).ToString("D20", CultureInfo.InvariantCulture);
}
