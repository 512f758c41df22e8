using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Statecraft.Persistence.DynamoDB;

/// <summary>Building and reading attribute values; numbers always in the invariant culture.</summary>
internal static class DynamoDbValues
{
    public static AttributeValue String(string value) => new() { S = value };

    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Number(ulong value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>The stream is the SDK's representation; it is given its own array so the caller's bytes are never shared.</summary>
    public static AttributeValue Binary(ReadOnlySpan<byte> value) => new() { B = new MemoryStream(value.ToArray()) };

    public static Dictionary<string, AttributeValue> Key(string gameId, string sortKey) => new(StringComparer.Ordinal)
    {
        [DynamoDbKeys.PartitionKey] = String(gameId),
        [DynamoDbKeys.SortKey] = String(sortKey),
    };

    public static string GetString(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.S is { } text ? text : throw Missing(item, name);

    public static long GetLong(Dictionary<string, AttributeValue> item, string name) =>
        TryGetLong(item, name) ?? throw Missing(item, name);

    public static long? TryGetLong(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } number ? long.Parse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null;

    public static ulong GetUnsigned(Dictionary<string, AttributeValue> item, string name) =>
        TryGetUnsigned(item, name) ?? throw Missing(item, name);

    public static ulong? TryGetUnsigned(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } number ? ulong.Parse(number, NumberStyles.None, CultureInfo.InvariantCulture) : null;

    public static byte[] GetBytes(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.B is { } stream ? stream.ToArray() : throw Missing(item, name);

    public static DateTimeOffset ToDateTimeOffset(long utcTicks, long offsetMinutes) =>
        new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));

    /// <summary>Offsets are whole minutes by construction of <see cref="DateTimeOffset"/>.</summary>
    public static long OffsetMinutes(DateTimeOffset value) => (long)value.Offset.TotalMinutes;

    private static InvalidDataException Missing(Dictionary<string, AttributeValue> item, string name)
    {
        var key = item.TryGetValue(DynamoDbKeys.SortKey, out var sortKey) ? sortKey.S : "?";
        return new InvalidDataException($"The DynamoDB item '{key}' has no usable '{name}' attribute; it was not written by this store or was altered.");
    }
}
