using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Statecraft.Persistence.Sqlite;

/// <summary>
/// A file's schema and how it evolves, for every SQLite file Statecraft keeps. <c>PRAGMA user_version</c> holds the
/// schema version; step <i>n</i> (<see cref="Steps"/>[n - 1]) brings the file from version n - 1 to n and sets the new
/// number itself, and all missing steps run in one <c>BEGIN IMMEDIATE</c> transaction, so a crash leaves the old or the
/// new schema and two processes starting on one file never both run a step. With an <see cref="ApplicationId"/>, a
/// file that holds another schema is refused before anything is written to it.
/// </summary>
/// <param name="Description">What the file holds, for messages (for example "Orleans provider").</param>
/// <param name="Steps">The migration steps, oldest first.</param>
/// <param name="ApplicationId">The <c>PRAGMA application_id</c> the first step writes, or null for no ownership check.</param>
/// <param name="ForeignFileAdvice">What to do when the file holds another schema.</param>
public sealed record SqliteSchemaDefinition(string Description, IReadOnlyList<string> Steps, int? ApplicationId = null, string? ForeignFileAdvice = null)
{
    /// <summary>The schema version this code reads and writes.</summary>
    public int LatestVersion => Steps.Count;

    /// <summary>Applies every missing step, then switches the file to write-ahead logging (persistent, so once is enough).</summary>
    /// <returns>The schema version found and the one left behind.</returns>
    /// <exception cref="InvalidOperationException">The file holds another schema, a newer version, or refuses WAL.</exception>
    public async ValueTask<(int From, int To)> MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        int found;
        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            found = await ReadIntAsync(connection, transaction, "PRAGMA user_version;", cancellationToken);
            if (ApplicationId is { } expected)
            {
                var applicationId = await ReadIntAsync(connection, transaction, "PRAGMA application_id;", cancellationToken);
                var tables = await ReadIntAsync(connection, transaction, "SELECT COUNT(*) FROM sqlite_schema;", cancellationToken);
                if (applicationId != expected && (found != 0 || tables != 0))
                {
                    throw new InvalidOperationException(
                        $"The database '{connection.DataSource}' already holds another schema (application_id {applicationId}, user_version {found}). {ForeignFileAdvice}".TrimEnd());
                }
            }

            if (found > LatestVersion)
            {
                throw new InvalidOperationException(
                    $"The database '{connection.DataSource}' has {Description} schema version {found}, newer than the {LatestVersion} this build understands. Upgrade the silo instead of downgrading the data.");
            }

            for (var version = found + 1; version <= LatestVersion; version++)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = Steps[version - 1];
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            transaction.Commit();
        }

        // After the ownership check, so a foreign file is left exactly as it was; journal_mode cannot change inside a transaction.
        var journalMode = await ExecuteScalarAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        if (!"wal".Equals(journalMode as string, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite refused write-ahead logging for '{connection.DataSource}' (journal mode is '{journalMode}').");
        }

        return (found, LatestVersion);
    }

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
