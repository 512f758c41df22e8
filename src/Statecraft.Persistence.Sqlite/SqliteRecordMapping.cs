using Microsoft.Data.Sqlite;
using Statecraft.Persistence.Records;

namespace Statecraft.Persistence.Sqlite;

/// <summary>
/// How records map to columns (see <see cref="SqliteSchema"/> for the encodings). Column lists are constants so every
/// statement stays a compile-time string with parameters for all values.
/// </summary>
internal static class SqliteRecordMapping
{
    /// <summary>Event columns in the order <see cref="ReadEvent"/> expects.</summary>
    public const string EventColumns = "version, command_id, at, at_offset, type, schema_version, encoding, payload, checksum, command_fingerprint";

    /// <summary>Snapshot columns in the order <see cref="ReadSnapshot"/> expects.</summary>
    public const string SnapshotColumns = "version, at, at_offset, type, schema_version, encoding, payload, checksum";

    /// <summary>Header columns, except the game id, in the order <see cref="ReadHeader"/> expects.</summary>
    public const string HeaderColumns = "ruleset, phase, version, updated_at, updated_at_offset, finished_at, finished_at_offset";

    public static long ToUtcTicks(DateTimeOffset value) => value.UtcTicks;

    /// <summary>Offsets are whole minutes by construction of <see cref="DateTimeOffset"/>.</summary>
    public static long ToOffsetMinutes(DateTimeOffset value) => (long)value.Offset.TotalMinutes;

    public static DateTimeOffset ToDateTimeOffset(long utcTicks, long offsetMinutes) =>
        new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));

    /// <summary>SQLite integers are signed; the bits are kept, so the value reads back exactly.</summary>
    public static long ToStored(ulong checksum) => unchecked((long)checksum);

    public static ulong ToChecksum(long stored) => unchecked((ulong)stored);

    public static GameHeader ReadHeader(SqliteDataReader reader, string gameId, int first = 0) => new(
        gameId,
        reader.GetString(first),
        reader.GetString(first + 1),
        reader.GetInt64(first + 2),
        ToDateTimeOffset(reader.GetInt64(first + 3), reader.GetInt64(first + 4)),
        reader.IsDBNull(first + 5) ? null : ToDateTimeOffset(reader.GetInt64(first + 5), reader.GetInt64(first + 6)));

    public static EventRecord ReadEvent(SqliteDataReader reader, int first = 0) => new(
        reader.GetInt64(first),
        new Guid(reader.GetFieldValue<byte[]>(first + 1)),
        ToDateTimeOffset(reader.GetInt64(first + 2), reader.GetInt64(first + 3)),
        ReadPayload(reader, first + 4),
        reader.IsDBNull(first + 9) ? 0 : ToChecksum(reader.GetInt64(first + 9)));

    public static SnapshotRecord ReadSnapshot(SqliteDataReader reader, int first = 0) => new(
        reader.GetInt64(first),
        ToDateTimeOffset(reader.GetInt64(first + 1), reader.GetInt64(first + 2)),
        ReadPayload(reader, first + 3));

    /// <summary>Reads type, schema_version, encoding, payload, checksum starting at <paramref name="first"/>.</summary>
    private static EncodedPayload ReadPayload(SqliteDataReader reader, int first) => new(
        reader.GetString(first),
        reader.GetInt32(first + 1),
        (PayloadEncoding)reader.GetByte(first + 2),
        reader.GetFieldValue<byte[]>(first + 3),
        ToChecksum(reader.GetInt64(first + 4)));

    /// <summary>SQLite parameters take <see cref="DBNull"/>, never null.</summary>
    public static object OrDbNull(long? value) => value is { } present ? present : DBNull.Value;
}
