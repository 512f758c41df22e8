using Amazon.DynamoDBv2.Model;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;
using static Statecraft.Persistence.DynamoDB.DynamoDbPaging;

namespace Statecraft.Persistence.DynamoDB;

/// <summary>
/// Deletion, pruning, compaction and retention: everything that removes data. DynamoDB deletes items in batches that
/// are not atomic, so each operation orders its steps to leave a loadable stream if it is interrupted: a snapshot leaves
/// the header's index before its items go, and a game's header goes last, so an interrupted deletion is found and
/// finished by the next one.
/// </summary>
public sealed partial class DynamoDbGameStore
{
    private const int MaxMaintenanceAttempts = 5;

    /// <summary>Snapshots removed from the header's index per update, keeping the expression well under DynamoDB's 4 KB.</summary>
    private const int MaxSnapshotsPerUpdate = 50;

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(string gameId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        ThrowIfDisposed();
        return await DeleteGameAsync(gameId, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<int> PruneSnapshotsAsync(string gameId, int keep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        ThrowIfDisposed();
        var deleted = 0;
        for (var attempt = 1; attempt <= MaxMaintenanceAttempts; attempt++)
        {
            if (await GetHeaderAsync(gameId, cancellationToken) is not { } header)
            {
                break;
            }

            var index = DynamoDbHeaderMapping.ReadSnapshotIndex(header);
            var (removed, complete) = await RemoveSnapshotsAsync(gameId, [.. index.Take(Math.Max(0, index.Count - keep))], cancellationToken);
            deleted += removed;
            if (complete)
            {
                break;
            }

            DynamoDbLog.HeaderChanged(_logger, gameId, "prune", attempt);
        }

        return deleted;
    }

    /// <inheritdoc />
    public async ValueTask<long> CompactAsync(string gameId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        ThrowIfDisposed();
        if (await GetHeaderAsync(gameId, cancellationToken) is not { } header
            || DynamoDbHeaderMapping.ReadSnapshotIndex(header) is not { Count: > 0 } index)
        {
            return 0;
        }

        var oldest = index.Keys[0];
        var doomed = await QueryAllAsync(
            _client, Range(_table, gameId, DynamoDbKeys.EventPrefix, DynamoDbKeys.EndOf(DynamoDbKeys.Event(oldest)), projection: "#pk, #sk"), cancellationToken);
        // Ascending, so an interrupted compaction leaves a contiguous tail of events.
        await DeleteAllAsync(_client, _table, doomed, cancellationToken);
        return doomed.Count(item => !DynamoDbKeys.IsChunk(DynamoDbValues.GetString(item, DynamoDbKeys.SortKey)));
    }

    /// <summary>
    /// Finds finished games through the header index (finished at or before the shortest age's cutoff), then decides each
    /// on its freshly read header with <see cref="RetentionRules"/>, one game at a time.
    /// </summary>
    public async ValueTask<RetentionReport> ApplyRetentionAsync(DateTimeOffset now, RetentionPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ThrowIfDisposed();
        if (Shortest(policy.DropSnapshotsAfter, policy.DeleteGameAfter) is not { } shortest)
        {
            return new RetentionReport(0, 0);
        }

        int snapshotsDeleted = 0, gamesDeleted = 0;
        foreach (var gameId in await ReadGamesFinishedByAsync(CutoffTicks(now, shortest), cancellationToken))
        {
            // Read again: the game may have been deleted or changed since the index was scanned.
            if (await GetHeaderAsync(gameId, cancellationToken) is not { } header)
            {
                continue;
            }

            var finishedAt = DynamoDbHeaderMapping.ReadHeader(header).FinishedAt;
            if (RetentionRules.IsDue(finishedAt, policy.DeleteGameAfter, now))
            {
                gamesDeleted += await DeleteGameAsync(gameId, cancellationToken) ? 1 : 0;
            }
            else if (RetentionRules.IsDue(finishedAt, policy.DropSnapshotsAfter, now))
            {
                snapshotsDeleted += await DeleteRedundantSnapshotsAsync(gameId, header, cancellationToken);
            }
        }

        return new RetentionReport(snapshotsDeleted, gamesDeleted);
    }

    private static TimeSpan? Shortest(TimeSpan? first, TimeSpan? second) =>
        first is { } a && second is { } b ? TimeSpan.FromTicks(Math.Min(a.Ticks, b.Ticks)) : first ?? second;

    /// <summary>Games finished at or before this instant may be due. Clamped rather than overflowing for extreme ages.</summary>
    private static long CutoffTicks(DateTimeOffset now, TimeSpan age) =>
        (long)Int128.Clamp((Int128)now.UtcTicks - age.Ticks, long.MinValue, long.MaxValue);

    private static Dictionary<string, AttributeValue> KeyOf(Dictionary<string, AttributeValue> item) =>
        DynamoDbValues.Key(DynamoDbValues.GetString(item, DynamoDbKeys.PartitionKey), DynamoDbValues.GetString(item, DynamoDbKeys.SortKey));

    private async ValueTask<List<string>> ReadGamesFinishedByAsync(long cutoffTicks, CancellationToken cancellationToken)
    {
        var request = new ScanRequest
        {
            TableName = _table,
            IndexName = DynamoDbKeys.HeaderIndex,
            FilterExpression = "#finishedAt <= :cutoff",
            ProjectionExpression = "#gameId",
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["#finishedAt"] = DynamoDbAttributes.FinishedAt,
                ["#gameId"] = DynamoDbKeys.HeaderIndexKey,
            },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":cutoff"] = DynamoDbValues.Number(cutoffTicks) },
        };
        var gameIds = new List<string>();
        do
        {
            var response = await _client.ScanAsync(request, cancellationToken);
            gameIds.AddRange((response.Items ?? []).Select(item => DynamoDbValues.GetString(item, DynamoDbKeys.HeaderIndexKey)));
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null);

        return gameIds;
    }

    /// <summary>
    /// Deletes every item but the header, then the header on condition that no append moved it meanwhile; if one did,
    /// the sweep runs again so nothing it wrote is left behind.
    /// </summary>
    private async ValueTask<bool> DeleteGameAsync(string gameId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var items = await QueryAllAsync(
                _client,
                new QueryRequest
                {
                    TableName = _table,
                    KeyConditionExpression = "#pk = :pk",
                    ProjectionExpression = "#pk, #sk, #version",
                    ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        ["#pk"] = DynamoDbKeys.PartitionKey,
                        ["#sk"] = DynamoDbKeys.SortKey,
                        ["#version"] = DynamoDbAttributes.Version,
                    },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":pk"] = DynamoDbValues.String(gameId) },
                    ConsistentRead = true,
                },
                cancellationToken);
            var header = items.Find(item => DynamoDbValues.GetString(item, DynamoDbKeys.SortKey) == DynamoDbKeys.Header);
            await DeleteAllAsync(_client, _table, items.Where(item => item != header).Select(KeyOf), cancellationToken);
            if (header is null)
            {
                return false;
            }

            try
            {
                await _client.DeleteItemAsync(
                    new DeleteItemRequest
                    {
                        TableName = _table,
                        Key = KeyOf(header),
                        ConditionExpression = "#version = :seen",
                        ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#version"] = DynamoDbAttributes.Version },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":seen"] = header[DynamoDbAttributes.Version] },
                    },
                    cancellationToken);
                return true;
            }
            catch (ConditionalCheckFailedException) when (attempt < MaxMaintenanceAttempts)
            {
                DynamoDbLog.HeaderChanged(_logger, gameId, "delete", attempt);
            }
        }
    }

    private async ValueTask<int> DeleteRedundantSnapshotsAsync(string gameId, Dictionary<string, AttributeValue> header, CancellationToken cancellationToken)
    {
        var deleted = 0;
        for (var attempt = 1; attempt <= MaxMaintenanceAttempts; attempt++)
        {
            var index = DynamoDbHeaderMapping.ReadSnapshotIndex(header);
            if (index.Count == 0)
            {
                break;
            }

            var events = await QueryAllAsync(
                _client, Range(_table, gameId, DynamoDbKeys.EventPrefix, DynamoDbKeys.EventPrefix + "~", projection: "#sk"), cancellationToken);
            var versions = events
                .Select(item => DynamoDbValues.GetString(item, DynamoDbKeys.SortKey))
                .Where(sortKey => !DynamoDbKeys.IsChunk(sortKey))
                .Select(DynamoDbKeys.VersionOf)
                .ToList();
            var redundant = RetentionRules.RedundantSnapshots(
                index.Keys.ToList(), versions.Count == 0 ? null : versions[0], versions.Count, DynamoDbValues.GetLong(header, DynamoDbAttributes.Version));
            var (removed, complete) = await RemoveSnapshotsAsync(gameId, [.. redundant.Select(version => KeyValuePair.Create(version, index[version]))], cancellationToken);
            deleted += removed;
            if (complete || await GetHeaderAsync(gameId, cancellationToken) is not { } changed)
            {
                break;
            }

            DynamoDbLog.HeaderChanged(_logger, gameId, "retention", attempt);
            header = changed;
        }

        return deleted;
    }

    /// <summary>
    /// Takes snapshots out of the header's index (on condition that each is still there, so concurrent pruners never count
    /// one twice), then deletes their items.
    /// </summary>
    /// <param name="gameId">The game.</param>
    /// <param name="doomed">Snapshot versions with the number of items each spans.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    /// <returns>How many were removed, and false when the header changed under us and the caller should look again.</returns>
    private async ValueTask<(int Removed, bool Complete)> RemoveSnapshotsAsync(string gameId, IReadOnlyList<KeyValuePair<long, int>> doomed, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var group in doomed.Chunk(MaxSnapshotsPerUpdate))
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["#snapshots"] = DynamoDbAttributes.Snapshots };
            for (var i = 0; i < group.Length; i++)
            {
                names[$"#s{i}"] = DynamoDbHeaderMapping.VersionName(group[i].Key);
            }

            try
            {
                await _client.UpdateItemAsync(
                    new UpdateItemRequest
                    {
                        TableName = _table,
                        Key = DynamoDbValues.Key(gameId, DynamoDbKeys.Header),
                        UpdateExpression = "REMOVE " + string.Join(", ", group.Select((_, i) => $"#snapshots.#s{i}")),
                        ConditionExpression = string.Join(" AND ", group.Select((_, i) => $"attribute_exists(#snapshots.#s{i})")),
                        ExpressionAttributeNames = names,
                    },
                    cancellationToken);
            }
            catch (ConditionalCheckFailedException)
            {
                return (removed, false);
            }

            await DeleteAllAsync(_client, _table, group.SelectMany(snapshot => SnapshotKeys(gameId, snapshot.Key, snapshot.Value)), cancellationToken);
            removed += group.Length;
        }

        return (removed, true);
    }

    private static IEnumerable<Dictionary<string, AttributeValue>> SnapshotKeys(string gameId, long version, int parts)
    {
        var record = DynamoDbKeys.Snapshot(version);
        yield return DynamoDbValues.Key(gameId, record);
        for (var part = 1; part < parts; part++)
        {
            yield return DynamoDbValues.Key(gameId, DynamoDbKeys.Chunk(record, part));
        }
    }
}
