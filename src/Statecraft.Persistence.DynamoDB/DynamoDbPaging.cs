using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Statecraft.Persistence.DynamoDB;

/// <summary>Following DynamoDB's pages (1 MB per response) and finishing batch writes it only partly processed.</summary>
internal static class DynamoDbPaging
{
    /// <summary>BatchWriteItem takes at most this many requests.</summary>
    private const int BatchWriteLimit = 25;

    private const int MaxBatchAttempts = 10;

    /// <summary>Every item of the query, across as many pages as it takes.</summary>
    public static async ValueTask<List<Dictionary<string, AttributeValue>>> QueryAllAsync(IAmazonDynamoDB client, QueryRequest request, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var response = await client.QueryAsync(request, cancellationToken);
            items.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null);

        return items;
    }

    /// <summary>A query over one partition's sort-key range [<paramref name="from"/>, <paramref name="to"/>], strongly consistent.</summary>
    public static QueryRequest Range(string tableName, string gameId, string from, string to, string? projection = null) => new()
    {
        TableName = tableName,
        KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to",
        ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["#pk"] = DynamoDbKeys.PartitionKey,
            ["#sk"] = DynamoDbKeys.SortKey,
        },
        ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [":pk"] = DynamoDbValues.String(gameId),
            [":from"] = DynamoDbValues.String(from),
            [":to"] = DynamoDbValues.String(to),
        },
        ProjectionExpression = projection,
        ConsistentRead = true,
    };

    /// <summary>
    /// Deletes the items with <paramref name="keys"/> in batches of 25, resubmitting whatever DynamoDB reports unprocessed
    /// (throttling) with a growing pause. Not atomic: callers order the keys so a partial run leaves a usable stream.
    /// </summary>
    public static async ValueTask DeleteAllAsync(IAmazonDynamoDB client, string tableName, IEnumerable<Dictionary<string, AttributeValue>> keys, CancellationToken cancellationToken)
    {
        foreach (var batch in keys.Chunk(BatchWriteLimit))
        {
            List<WriteRequest> pending = [.. batch.Select(key => new WriteRequest { DeleteRequest = new DeleteRequest { Key = key } })];
            for (var attempt = 1; pending.Count > 0; attempt++)
            {
                if (attempt > MaxBatchAttempts)
                {
                    throw new InvalidOperationException($"DynamoDB left {pending.Count} deletes in table '{tableName}' unprocessed after {MaxBatchAttempts} attempts; the table is throttled. Try again later.");
                }

                if (attempt > 1)
                {
                    await Task.Delay(Backoff(attempt), cancellationToken);
                }

                var response = await client.BatchWriteItemAsync(
                    new BatchWriteItemRequest { RequestItems = new Dictionary<string, List<WriteRequest>>(StringComparer.Ordinal) { [tableName] = pending } },
                    cancellationToken);
                pending = response.UnprocessedItems is { } unprocessed && unprocessed.TryGetValue(tableName, out var left) && left is not null ? left : [];
            }
        }
    }

    /// <summary>Exponential from 20 ms, capped at 1 s, with jitter so competing silos spread out.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(1_000, 20 * Math.Pow(2, attempt - 1)) * (0.5 + (Random.Shared.NextDouble() / 2)));
}
