using Amazon.DynamoDBv2.Model;
using Statecraft.Persistence.Records;
using static Statecraft.Persistence.DynamoDB.DynamoDbPaging;

namespace Statecraft.Persistence.DynamoDB;

/// <summary>Appends: one conditional transaction per commit, and the expiry of finished games.</summary>
public sealed partial class DynamoDbGameStore
{
    /// <summary>DynamoDB's limit on the items of one transaction.</summary>
    private const int MaxTransactionItems = 100;

    /// <summary>DynamoDB allows 4 MB per transaction (4,194,304 bytes); the rest is margin for attribute names and framing.</summary>
    private const long MaxTransactionBytes = 4_000_000;

    /// <summary>A generous estimate of an item's keys and metadata, on top of its payload bytes.</summary>
    private const int ItemOverheadBytes = 512;

    private const int MaxAppendAttempts = 8;

    private const int ExpiryStampParallelism = 4;

    /// <summary>
    /// One <c>TransactWriteItems</c>: the header update conditioned on the expected version, then every event and
    /// snapshot item. When the condition fails, the header DynamoDB returns with the cancellation tells a retried batch
    /// (same batch id at the same expected version) from a conflict. Collisions with a concurrent transaction on the
    /// same items are retried while the stream is still at the expected version.
    /// </summary>
    /// <exception cref="InvalidOperationException">The request does not fit in one DynamoDB transaction (100 items, 4 MB).</exception>
    public async ValueTask<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        ThrowIfDisposed();
        var gameId = request.Header.GameId;
        var expiresAt = ExpiryOf(request.Header);
        var transaction = new TransactWriteItemsRequest { TransactItems = BuildTransaction(request, expiresAt) };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _client.TransactWriteItemsAsync(transaction, cancellationToken);
                break;
            }
            catch (TransactionCanceledException canceled)
            {
                var reasons = canceled.CancellationReasons ?? [];
                // The header update is the first item, so its reason comes first.
                var current = reasons is [{ Code: "ConditionalCheckFailed", Item: { Count: > 0 } old }, ..]
                    ? old
                    : await GetHeaderAsync(gameId, cancellationToken);
                var (version, lastBatchId, lastBatchExpected) = DynamoDbHeaderMapping.ReadPosition(current);
                if (version != request.ExpectedVersion && (lastBatchId != request.BatchId || lastBatchExpected != request.ExpectedVersion))
                {
                    return AppendResult.Conflict(version);
                }

                if (version != request.ExpectedVersion)
                {
                    // A retry of a batch that landed (perhaps the SDK's own retry after a lost reply): finish its expiry too.
                    if (expiresAt is { } retriedExpiry)
                    {
                        await StampExpiryAsync(gameId, retriedExpiry, cancellationToken);
                    }

                    return AppendResult.AlreadyApplied(version);
                }

                if (attempt >= MaxAppendAttempts || !reasons.Any(reason => reason.Code is "TransactionConflict" or "ThrottlingError" or "ProvisionedThroughputExceeded"))
                {
                    throw;
                }

                DynamoDbLog.AppendRetried(_logger, gameId, request.ExpectedVersion, attempt);
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }

        if (expiresAt is { } expires)
        {
            await StampExpiryAsync(gameId, expires, cancellationToken);
        }

        if (request.Snapshot is not null && request.SnapshotsToKeep > 0)
        {
            // Not the caller's token: the append is stored, and a deadline that expired during the prune must not
            // turn its answer into a failure (the caller would count a durable write as a store error).
            await PruneAfterAppendAsync(gameId, request.SnapshotsToKeep, CancellationToken.None);
        }

        return AppendResult.Appended(request.NewVersion);
    }

    /// <summary>
    /// A transaction can only delete snapshot items it names, and their keys are in the header the append does not
    /// read, so pruning follows the append (a header read and a delete) instead of riding in it. The append is durable
    /// by now: a failed prune is logged and left to the next one.
    /// </summary>
    private async ValueTask PruneAfterAppendAsync(string gameId, int keep, CancellationToken cancellationToken)
    {
        try
        {
            await PruneSnapshotsAsync(gameId, keep, cancellationToken);
        }
        catch (Exception exception)
        {
            DynamoDbLog.PruneFailed(_logger, exception, gameId);
        }
    }

    private List<TransactWriteItem> BuildTransaction(AppendRequest request, long? expiresAt)
    {
        var gameId = request.Header.GameId;
        var records = new List<Dictionary<string, AttributeValue>>();
        foreach (var record in request.Events)
        {
            records.AddRange(DynamoDbRecordMapping.EventItems(gameId, record, _options.MaxItemBytes, expiresAt));
        }

        int? snapshotParts = null;
        if (request.Snapshot is { } snapshot)
        {
            var items = DynamoDbRecordMapping.SnapshotItems(gameId, snapshot, _options.MaxItemBytes, expiresAt);
            snapshotParts = items.Count;
            records.AddRange(items);
        }

        var itemCount = records.Count + 1;
        var bytes = request.Events.Sum(record => (long)record.Payload.Length) + (request.Snapshot?.Payload.Length ?? 0) + ((long)itemCount * ItemOverheadBytes);
        if (itemCount > MaxTransactionItems || bytes > MaxTransactionBytes)
        {
            throw new InvalidOperationException(
                $"The append to game '{gameId}' at version {request.ExpectedVersion} needs {itemCount} items and about {bytes / 1024} KB, more than one DynamoDB transaction holds (100 items, 4 MB); nothing was written. Commit fewer events per batch or write smaller snapshots.");
        }

        List<TransactWriteItem> transaction = [new TransactWriteItem { Update = DynamoDbHeaderMapping.AppendUpdate(_table, request, snapshotParts, expiresAt) }];
        transaction.AddRange(records.Select(item => new TransactWriteItem { Put = new Put { TableName = _table, Item = item } }));
        return transaction;
    }

    /// <summary>When a finished game's items expire, in epoch seconds; null without a configured TTL or before the finish.</summary>
    private long? ExpiryOf(GameHeader header)
    {
        if (_options.FinishedGameTtl is not { } ttl || header.FinishedAt is not { } finishedAt)
        {
            return null;
        }

        return (ttl < DateTimeOffset.MaxValue - finishedAt ? finishedAt + ttl : DateTimeOffset.MaxValue).ToUnixTimeSeconds();
    }

    /// <summary>
    /// Gives the items written before the game finished the same expiry, so DynamoDB removes the whole game. It runs
    /// after the commit (usually once per game) and only touches items still without one. The append is durable either
    /// way, so a failure here is logged, not thrown: retention and deletion still remove the game.
    /// </summary>
    private async ValueTask StampExpiryAsync(string gameId, long expiresAt, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["#pk"] = DynamoDbKeys.PartitionKey,
            ["#sk"] = DynamoDbKeys.SortKey,
            ["#expiresAt"] = DynamoDbAttributes.ExpiresAt,
        };
        try
        {
            var unstamped = await QueryAllAsync(
                _client,
                new QueryRequest
                {
                    TableName = _table,
                    KeyConditionExpression = "#pk = :pk",
                    FilterExpression = "attribute_not_exists(#expiresAt)",
                    ProjectionExpression = "#pk, #sk",
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":pk"] = DynamoDbValues.String(gameId) },
                    ConsistentRead = true,
                },
                cancellationToken);
            await Parallel.ForEachAsync(
                unstamped,
                new ParallelOptions { MaxDegreeOfParallelism = ExpiryStampParallelism, CancellationToken = cancellationToken },
                async (key, token) =>
                {
                    try
                    {
                        await _client.UpdateItemAsync(
                            new UpdateItemRequest
                            {
                                TableName = _table,
                                Key = key,
                                UpdateExpression = "SET #expiresAt = :expiresAt",
                                // Never resurrect an item that compaction or pruning deleted meanwhile as a stub.
                                ConditionExpression = "attribute_exists(#pk)",
                                ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal)
                                {
                                    ["#pk"] = DynamoDbKeys.PartitionKey,
                                    ["#expiresAt"] = DynamoDbAttributes.ExpiresAt,
                                },
                                ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":expiresAt"] = DynamoDbValues.Number(expiresAt) },
                            },
                            token);
                    }
                    catch (ConditionalCheckFailedException)
                    {
                        // Deleted meanwhile: nothing left to expire.
                    }
                });
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            DynamoDbLog.ExpiryStampFailed(_logger, error, gameId);
        }
    }
}
