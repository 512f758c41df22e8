using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Statecraft.Providers.Sqlite;

/// <summary>
/// The layout of the providers' database file and how it evolves. <c>PRAGMA user_version</c> holds the schema version;
/// each migration step brings the file from one version to the next and sets the new number in the same transaction,
/// so a crash leaves either the old or the new schema. <c>PRAGMA application_id</c> marks the file as this schema's,
/// so pointing the providers at another database (the game store's, say) fails at start instead of corrupting it.
/// </summary>
/// <remarks>
/// Encodings: grain ids are <see cref="Orleans.Runtime.GrainId.ToString"/>; grain hashes are the unsigned 32-bit
/// <see cref="Orleans.Runtime.GrainId.GetUniformHashCode"/>, which fits a SQLite integer unchanged, so range reads
/// compare plain numbers; instants are UTC ticks and periods are ticks; ETags are random text.
/// </remarks>
internal static class SqliteProviderSchema
{
    /// <summary>The schema this code reads and writes.</summary>
    public const int LatestVersion = 1;

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

    /// <summary>
    /// Applies every missing migration step in one write transaction, then switches the file to write-ahead logging
    /// (a persistent property of the file, so once is enough).
    /// </summary>
    /// <returns>The schema version found and the one left behind.</returns>
    public static async ValueTask<(int From, int To)> MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // IMMEDIATE: the reminder table and a grain storage starting together on one file must not both run a step.
        using var transaction = connection.BeginTransaction(deferred: false);
        var found = await ReadIntAsync(connection, transaction, "PRAGMA user_version;", cancellationToken);
        var applicationId = await ReadIntAsync(connection, transaction, "PRAGMA application_id;", cancellationToken);
        var tables = await ReadIntAsync(connection, transaction, "SELECT COUNT(*) FROM sqlite_schema;", cancellationToken);
        if (applicationId != ApplicationId && (found != 0 || tables != 0))
        {
            throw new InvalidOperationException(
                $"The database '{connection.DataSource}' already holds another schema (application_id {applicationId}, user_version {found}). "
                + "Give the Orleans providers a file of their own, for example 'data/orleans.db'.");
        }

        if (found > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database '{connection.DataSource}' has provider schema version {found}, newer than the {LatestVersion} this build understands. Upgrade the silo instead of downgrading the data.");
        }

        for (var version = found + 1; version <= LatestVersion; version++)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = StepTo(version);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        transaction.Commit();

        // After the ownership check, so a foreign file is left exactly as it was; journal_mode cannot change inside a transaction.
        var journalMode = await ExecuteScalarAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        if (!"wal".Equals(journalMode as string, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite refused write-ahead logging for '{connection.DataSource}' (journal mode is '{journalMode}').");
        }

        return (found, LatestVersion);
    }

    /// <summary>The SQL that brings a database at <paramref name="version"/> - 1 to <paramref name="version"/>.</summary>
    private static string StepTo(int version) => version switch
    {
        1 => ToVersion1,
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "No migration step leads to this schema version."),
    };

    private static async ValueTask<int> ReadIntAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken) =>
        Convert.ToInt32(await ExecuteScalarAsync(connection, transaction, sql, cancellationToken), CultureInfo.InvariantCulture);

    private static async ValueTask<object?> ExecuteScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
