using Microsoft.Data.Sqlite;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;
using static Statecraft.Persistence.Sqlite.SqliteRecordMapping;

namespace Statecraft.Persistence.Sqlite;

/// <summary>Deletion, pruning, compaction and retention: everything that removes data.</summary>
public sealed partial class SqliteGameStore
{
    private const string DeleteHeader = "DELETE FROM games WHERE game_id = @game_id;";

    private const string DeleteStreamRecords = """
        DELETE FROM events WHERE game_id = @game_id;
        DELETE FROM snapshots WHERE game_id = @game_id;
        """;

    private const string DeleteAllButNewestSnapshots = """
        DELETE FROM snapshots
        WHERE game_id = @game_id
          AND version NOT IN (SELECT version FROM snapshots WHERE game_id = @game_id ORDER BY version DESC LIMIT @keep);
        """;

    // version <= NULL is never true, so a game without snapshots loses nothing.
    private const string DeleteEventsUpToOldestSnapshot = """
        DELETE FROM events
        WHERE game_id = @game_id
          AND version <= (SELECT version FROM snapshots WHERE game_id = @game_id ORDER BY version LIMIT 1);
        """;

    private const string DeleteSnapshot = "DELETE FROM snapshots WHERE game_id = @game_id AND version = @version;";

    private const string SelectHistoryExtent = """
        SELECT (SELECT MIN(version) FROM events WHERE game_id = @game_id),
               (SELECT COUNT(*) FROM events WHERE game_id = @game_id),
               version
        FROM games WHERE game_id = @game_id;
        """;

    private const string SelectFinishedAt = "SELECT finished_at, finished_at_offset FROM games WHERE game_id = @game_id;";

    // Served by the partial index on finished_at; unfinished games are never visited.
    private const string SelectFinishedGames = """
        SELECT game_id FROM games
        WHERE finished_at IS NOT NULL AND finished_at <= @cutoff
        ORDER BY finished_at, game_id;
        """;

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(string gameId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        await using var connection = await OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);
        var deleted = await DeleteGameAsync(connection, transaction, gameId, cancellationToken);
        transaction.Commit();
        return deleted;
    }

    /// <inheritdoc />
    public async ValueTask<int> PruneSnapshotsAsync(string gameId, int keep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        await using var connection = await OpenAsync(cancellationToken);
        return await DeleteAllButNewestSnapshotsAsync(connection, null, gameId, keep, cancellationToken);
    }

    private static async ValueTask<int> DeleteAllButNewestSnapshotsAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string gameId, int keep, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = DeleteAllButNewestSnapshots;
        command.Parameters.AddWithValue("@game_id", gameId);
        command.Parameters.AddWithValue("@keep", keep);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<long> CompactAsync(string gameId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = DeleteEventsUpToOldestSnapshot;
        command.Parameters.AddWithValue("@game_id", gameId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<RetentionReport> ApplyRetentionAsync(DateTimeOffset now, RetentionPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (Shortest(policy.DropSnapshotsAfter, policy.DeleteGameAfter) is not { } shortest)
        {
            return new RetentionReport(0, 0);
        }

        await using var connection = await OpenAsync(cancellationToken);
        var candidates = await ReadGamesFinishedByAsync(connection, CutoffTicks(now, shortest), cancellationToken);
        int snapshotsDeleted = 0, gamesDeleted = 0;
        foreach (var gameId in candidates)
        {
            // One short write transaction per game, so live appends interleave with a long retention pass.
            using var transaction = connection.BeginTransaction(deferred: false);
            var finishedAt = await ReadFinishedAtAsync(connection, transaction, gameId, cancellationToken);
            if (RetentionRules.IsDue(finishedAt, policy.DeleteGameAfter, now))
            {
                gamesDeleted += await DeleteGameAsync(connection, transaction, gameId, cancellationToken) ? 1 : 0;
            }
            else if (RetentionRules.IsDue(finishedAt, policy.DropSnapshotsAfter, now))
            {
                snapshotsDeleted += await DeleteRedundantSnapshotsAsync(connection, transaction, gameId, cancellationToken);
            }

            transaction.Commit();
        }

        return new RetentionReport(snapshotsDeleted, gamesDeleted);
    }

    private static TimeSpan? Shortest(TimeSpan? first, TimeSpan? second) =>
        first is { } a && second is { } b ? TimeSpan.FromTicks(Math.Min(a.Ticks, b.Ticks)) : first ?? second;

    /// <summary>
    /// Games finished at or before this instant may be due; <see cref="RetentionRules"/> makes the exact call per game.
    /// Clamped rather than overflowing for extreme ages.
    /// </summary>
    private static long CutoffTicks(DateTimeOffset now, TimeSpan age) =>
        (long)Int128.Clamp((Int128)now.UtcTicks - age.Ticks, long.MinValue, long.MaxValue);

    private static async ValueTask<List<string>> ReadGamesFinishedByAsync(SqliteConnection connection, long cutoffTicks, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = SelectFinishedGames;
        command.Parameters.AddWithValue("@cutoff", cutoffTicks);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var gameIds = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            gameIds.Add(reader.GetString(0));
        }

        return gameIds;
    }

    /// <summary>Read again inside the write transaction: the game may have been deleted since the candidates were listed.</summary>
    private static async ValueTask<DateTimeOffset?> ReadFinishedAtAsync(
        SqliteConnection connection, SqliteTransaction transaction, string gameId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SelectFinishedAt;
        command.Parameters.AddWithValue("@game_id", gameId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0)
            ? ToDateTimeOffset(reader.GetInt64(0), reader.GetInt64(1))
            : null;
    }

    private static async ValueTask<bool> DeleteGameAsync(
        SqliteConnection connection, SqliteTransaction transaction, string gameId, CancellationToken cancellationToken)
    {
        int headers;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = DeleteHeader;
            command.Parameters.AddWithValue("@game_id", gameId);
            headers = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = DeleteStreamRecords;
            command.Parameters.AddWithValue("@game_id", gameId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return headers > 0;
    }

    private static async ValueTask<int> DeleteRedundantSnapshotsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string gameId, CancellationToken cancellationToken)
    {
        var versions = await ReadSnapshotVersionsAsync(connection, transaction, gameId, cancellationToken);
        long? firstEventVersion = null;
        long eventCount = 0, headVersion = 0;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = SelectHistoryExtent;
            command.Parameters.AddWithValue("@game_id", gameId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                firstEventVersion = reader.IsDBNull(0) ? null : reader.GetInt64(0);
                eventCount = reader.GetInt64(1);
                headVersion = reader.GetInt64(2);
            }
        }

        var deleted = 0;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = DeleteSnapshot;
            command.Parameters.AddWithValue("@game_id", gameId);
            var version = command.Parameters.Add("@version", SqliteType.Integer);
            foreach (var redundant in RetentionRules.RedundantSnapshots(versions, firstEventVersion, eventCount, headVersion))
            {
                version.Value = redundant;
                deleted += await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return deleted;
    }
}
