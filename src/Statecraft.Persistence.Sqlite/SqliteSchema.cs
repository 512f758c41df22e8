using Microsoft.Data.Sqlite;

namespace Statecraft.Persistence.Sqlite;

/// <summary>
/// The database layout and how it evolves. <c>PRAGMA user_version</c> holds the schema version; each migration step
/// brings the database from one version to the next and sets the new number in the same transaction, so a crash
/// leaves either the old or the new schema. A new version is one more step at the end of <see cref="StepTo"/>.
/// </summary>
/// <remarks>
/// Encodings: timestamps are <see cref="DateTimeOffset.UtcTicks"/> plus a separate offset in minutes, so they round-trip
/// exactly and compare as instants; ids are the 16 bytes of <see cref="Guid.ToByteArray()"/>; checksums are the
/// unsigned 64-bit value reinterpreted as signed; payload encodings are the <c>PayloadEncoding</c> byte.
/// </remarks>
internal static class SqliteSchema
{
    /// <summary>The schema this code reads and writes.</summary>
    public const int LatestVersion = 2;

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

    /// <summary>
    /// Switches the file to write-ahead logging (a persistent property of the file, so once is enough) and applies
    /// every missing migration step in one write transaction.
    /// </summary>
    /// <returns>The schema version found and the one left behind.</returns>
    public static async ValueTask<(int From, int To)> MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // journal_mode cannot change inside a transaction.
        var journalMode = await ExecuteScalarAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        if (!"wal".Equals(journalMode as string, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite refused write-ahead logging for '{connection.DataSource}' (journal mode is '{journalMode}').");
        }

        // IMMEDIATE: two silos starting on the same file must not both run a step.
        using var transaction = connection.BeginTransaction(deferred: false);
        var found = Convert.ToInt32(await ExecuteScalarAsync(connection, transaction, "PRAGMA user_version;", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (found > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database '{connection.DataSource}' has schema version {found}, newer than the {LatestVersion} this build understands. Upgrade the silo instead of downgrading the data.");
        }

        for (var version = found + 1; version <= LatestVersion; version++)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = StepTo(version);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        transaction.Commit();
        return (found, LatestVersion);
    }

    /// <summary>The SQL that brings a database at <paramref name="version"/> - 1 to <paramref name="version"/>.</summary>
    private static string StepTo(int version) => version switch
    {
        1 => ToVersion1,
        2 => ToVersion2,
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "No migration step leads to this schema version."),
    };

    private static async ValueTask<object?> ExecuteScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
