using Statecraft.Persistence.Sqlite;

namespace Statecraft.Providers.Sqlite;

/// <summary>
/// The layout of the providers' database file and how it evolves (run by <see cref="SqliteSchemaDefinition"/>, as the
/// game store's is). <c>PRAGMA application_id</c> marks the file as this schema's, so pointing the providers at another
/// database (the game store's, say) fails at start instead of corrupting it.
/// </summary>
/// <remarks>
/// Encodings: grain ids are <see cref="Orleans.Runtime.GrainId.ToString"/>; grain hashes are the unsigned 32-bit
/// <see cref="Orleans.Runtime.GrainId.GetUniformHashCode"/>, which fits a SQLite integer unchanged, so range reads
/// compare plain numbers; instants are UTC ticks and periods are ticks; ETags are random text.
/// </remarks>
internal static class SqliteProviderSchema
{
    /// <summary>The schema this code reads and writes.</summary>
    public static int LatestVersion => Definition.LatestVersion;

    /// <summary>"SCOP" (Statecraft Orleans providers) in ASCII; the first migration step writes it in decimal.</summary>
    public const int ApplicationId = 0x53434F50;

    private const string ToVersion1 = """
        CREATE TABLE reminders (
            grain_id      TEXT    NOT NULL,
            reminder_name TEXT    NOT NULL,
            grain_hash    INTEGER NOT NULL,
            start_at      INTEGER NOT NULL,
            period        INTEGER NOT NULL,
            etag          TEXT    NOT NULL,
            PRIMARY KEY (grain_id, reminder_name)
        ) WITHOUT ROWID, STRICT;

        CREATE INDEX reminders_by_grain_hash ON reminders (grain_hash);

        CREATE TABLE grain_state (
            state_name TEXT NOT NULL,
            grain_id   TEXT NOT NULL,
            payload    BLOB NOT NULL,
            etag       TEXT NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        ) WITHOUT ROWID, STRICT;

        PRAGMA application_id = 1396920144;
        PRAGMA user_version = 1;
        """;

    /// <summary>The providers' schema: its steps and the ownership check, run by <see cref="SqliteSchemaDefinition.MigrateAsync"/>.</summary>
    public static SqliteSchemaDefinition Definition { get; } = new(
        "Orleans provider",
        [ToVersion1],
        ApplicationId,
        "Give the Orleans providers a file of their own, for example 'data/orleans.db'.");
}
