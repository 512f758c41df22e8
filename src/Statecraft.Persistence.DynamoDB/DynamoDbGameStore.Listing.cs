using Amazon.DynamoDBv2.Model;
using Statecraft.Persistence.Records;

namespace Statecraft.Persistence.DynamoDB;

/// <summary>Game listing through the sparse header index.</summary>
public sealed partial class DynamoDbGameStore
{
    /// <summary>Keeps one scan request bounded when a caller asks for huge pages; DynamoDB pages at 1 MB anyway.</summary>
    private const int MaxScanLimit = 1_000;

    /// <summary>
    /// Scans the sparse <c>headers</c> index, which holds header items only, so every item read is a listed game and
    /// each game appears once. The order is DynamoDB's hash order, not the game id order of the SQL stores, and the
    /// index is eventually consistent: a game appended or deleted a moment ago may not be reflected yet.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="continuationToken"/> was not issued by this store.</exception>
    public async ValueTask<GamePage> ListGamesAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        ThrowIfDisposed();
        var request = new ScanRequest
        {
            TableName = _table,
            IndexName = DynamoDbKeys.HeaderIndex,
            ExclusiveStartKey = DynamoDbContinuationToken.Decode(continuationToken),
        };

        // One item more than asked tells whether another page follows, so the last page never comes back empty.
        var wanted = (long)pageSize + 1;
        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            request.Limit = (int)Math.Min(wanted - items.Count, MaxScanLimit);
            var response = await _client.ScanAsync(request, cancellationToken);
            items.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null && items.Count < wanted);

        string? token = null;
        if (items.Count > pageSize)
        {
            items.RemoveRange(pageSize, items.Count - pageSize);
            // The scan resumes after the last returned header: its index key plus the table key.
            var last = items[^1];
            token = DynamoDbContinuationToken.Encode(new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [DynamoDbKeys.HeaderIndexKey] = last[DynamoDbKeys.HeaderIndexKey],
                [DynamoDbKeys.PartitionKey] = last[DynamoDbKeys.PartitionKey],
                [DynamoDbKeys.SortKey] = last[DynamoDbKeys.SortKey],
            });
        }

        return new GamePage([.. items.Select(DynamoDbHeaderMapping.ReadHeader)], token);
    }
}
