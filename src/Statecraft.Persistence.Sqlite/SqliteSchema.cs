namespace Statecraft.Persistence.Sqlite;

/// <summary>
/// The game store's database layout and how it evolves (run by <see cref="SqliteSchemaDefinition"/>): a new version is
/// one more step at the end of <see cref="Definition"/>.
/// </summary>
/// <remarks>
/// Encodings: timestamps are <see cref="DateTimeOffset.UtcTicks"/> plus a separate offset in minutes, so they round-trip
/// exactly and compare as instants; ids are the 16 bytes of <see cref="Guid.ToByteArray()"/>; checksums are the
/// unsigned 64-bit value reinterpreted as signed; payload encodings are the <c>PayloadEncoding</c> byte.
/// </remarks>
internal static class SqliteSchema
{
    /// <summary>The schema this code reads and writes.</summary>
    public static int LatestVersion => Definition.LatestVersion;

    private const string ToVersion1 = """
        CREATE TABLE games (
            game_id             TEXT    NOT NULL PRIMARY KEY,
            ruleset             TEXT    NOT NULL,
            phase               TEXT    NOT NULL,
            version             INTEGER NOT NULL,
            updated_at          INTEGER NOT NULL,
            updated_at_offset   INTEGER NOT NULL,
            finished_at         INTEGER NULL,
            finished_at_offset  INTEGER NULL,
            last_batch_id       BLOB    NOT NULL,
            last_batch_expected INTEGER NOT NULL
        ) WITHOUT ROWID, STRICT;

        CREATE INDEX games_by_finished_at ON games (finished_at) WHERE finished_at IS NOT NULL;

        CREATE TABLE events (
            game_id        TEXT    NOT NULL,
            version        INTEGER NOT NULL,
            command_id     BLOB    NOT NULL,
            at             INTEGER NOT NULL,
            at_offset      INTEGER NOT NULL,
            type           TEXT    NOT NULL,
            schema_version INTEGER NOT NULL,
            encoding       INTEGER NOT NULL,
            payload        BLOB    NOT NULL,
            checksum       INTEGER NOT NULL,
            PRIMARY KEY (game_id, version)
        ) WITHOUT ROWID, STRICT;

        CREATE TABLE snapshots (
            game_id        TEXT    NOT NULL,
            version        INTEGER NOT NULL,
            at             INTEGER NOT NULL,
            at_offset      INTEGER NOT NULL,
            type           TEXT    NOT NULL,
            schema_version INTEGER NOT NULL,
            encoding       INTEGER NOT NULL,
            payload        BLOB    NOT NULL,
            checksum       INTEGER NOT NULL,
            PRIMARY KEY (game_id, version)
        ) WITHOUT ROWID, STRICT;

        PRAGMA user_version = 1;
        """;

    // Each event keeps the fingerprint of its command, so a reused command id is told from a retry after recovery.
    // Events written before this step have none (NULL) and are taken on trust.
    private const string ToVersion2 = """
        ALTER TABLE events ADD COLUMN command_fingerprint INTEGER NULL;

        PRAGMA user_version = 2;
        """;

    /// <summary>The game store's schema: its steps, run by <see cref="SqliteSchemaDefinition.MigrateAsync"/>.</summary>
    public static SqliteSchemaDefinition Definition { get; } = new("game store", [ToVersion1, ToVersion2]);
}
