using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;

namespace Statecraft.Persistence.DynamoDB;

/// <summary>
/// Creates the table when allowed and missing, waits until it and its index are active, checks that an existing table
/// has the layout this store needs, and enables time to live when a finished-game TTL is configured.
/// </summary>
internal static class DynamoDbTableSetup
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);

    public static async ValueTask EnsureAsync(IAmazonDynamoDB client, DynamoDbOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var table = await DescribeAsync(client, options.TableName, cancellationToken);
        if (table is null)
        {
            if (!options.CreateTableIfMissing)
            {
                throw new InvalidOperationException(
                    $"The DynamoDB table '{options.TableName}' does not exist. Create it (partition key pk, sort key sk, both strings; global secondary index '{DynamoDbKeys.HeaderIndex}' on {DynamoDbKeys.HeaderIndexKey}) or set Statecraft:DynamoDB:CreateTableIfMissing=true.");
            }

            if (await CreateAsync(client, options, cancellationToken))
            {
                DynamoDbLog.TableCreated(logger, options.TableName, options.ReadCapacity is null ? "on-demand" : $"provisioned {options.ReadCapacity}/{options.WriteCapacity}");
            }
        }

        table = await WaitUntilActiveAsync(client, options.TableName, cancellationToken);
        Verify(table);
        if (options.FinishedGameTtl is not null)
        {
            await EnableTimeToLiveAsync(client, options.TableName, logger, cancellationToken);
        }
    }

    private static async ValueTask<TableDescription?> DescribeAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    /// <returns>False when another process created the table first.</returns>
    private static async ValueTask<bool> CreateAsync(IAmazonDynamoDB client, DynamoDbOptions options, CancellationToken cancellationToken)
    {
        var provisioned = options.ReadCapacity is { } read && options.WriteCapacity is { } write
            ? new ProvisionedThroughput { ReadCapacityUnits = read, WriteCapacityUnits = write }
            : null;
        var request = new CreateTableRequest
        {
            TableName = options.TableName,
            AttributeDefinitions =
            [
                new AttributeDefinition { AttributeName = DynamoDbKeys.PartitionKey, AttributeType = ScalarAttributeType.S },
                new AttributeDefinition { AttributeName = DynamoDbKeys.SortKey, AttributeType = ScalarAttributeType.S },
                new AttributeDefinition { AttributeName = DynamoDbKeys.HeaderIndexKey, AttributeType = ScalarAttributeType.S },
            ],
            KeySchema =
            [
                new KeySchemaElement { AttributeName = DynamoDbKeys.PartitionKey, KeyType = KeyType.HASH },
                new KeySchemaElement { AttributeName = DynamoDbKeys.SortKey, KeyType = KeyType.RANGE },
            ],
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = DynamoDbKeys.HeaderIndex,
                    KeySchema = [new KeySchemaElement { AttributeName = DynamoDbKeys.HeaderIndexKey, KeyType = KeyType.HASH }],
                    // Only header items are in the index, and listing wants all of a header.
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                    ProvisionedThroughput = provisioned,
                },
            ],
            BillingMode = provisioned is null ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED,
            ProvisionedThroughput = provisioned,
        };
        try
        {
            await client.CreateTableAsync(request, cancellationToken);
            return true;
        }
        catch (ResourceInUseException)
        {
            return false;
        }
    }

    private static async ValueTask<TableDescription> WaitUntilActiveAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + MaxWait;
        while (true)
        {
            var table = await DescribeAsync(client, tableName, cancellationToken)
                ?? throw new InvalidOperationException($"The DynamoDB table '{tableName}' disappeared while the game store waited for it to become active.");
            if (table.TableStatus == TableStatus.ACTIVE && (table.GlobalSecondaryIndexes ?? []).All(index => index.IndexStatus == IndexStatus.ACTIVE))
            {
                return table;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The DynamoDB table '{tableName}' is still {table.TableStatus} after {MaxWait}.");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static void Verify(TableDescription table)
    {
        var keys = table.KeySchema ?? [];
        var hasKeys = keys.Count == 2
            && keys.Any(key => key.AttributeName == DynamoDbKeys.PartitionKey && key.KeyType == KeyType.HASH)
            && keys.Any(key => key.AttributeName == DynamoDbKeys.SortKey && key.KeyType == KeyType.RANGE);
        var hasIndex = (table.GlobalSecondaryIndexes ?? []).Any(index =>
            index.IndexName == DynamoDbKeys.HeaderIndex
            && index.KeySchema is [{ AttributeName: DynamoDbKeys.HeaderIndexKey } hash] && hash.KeyType == KeyType.HASH);
        if (!hasKeys || !hasIndex)
        {
            throw new InvalidOperationException(
                $"The DynamoDB table '{table.TableName}' exists but is not laid out for the game store: it needs partition key {DynamoDbKeys.PartitionKey} and sort key {DynamoDbKeys.SortKey} (strings) and a global secondary index '{DynamoDbKeys.HeaderIndex}' with partition key {DynamoDbKeys.HeaderIndexKey}. Point TableName at another table.");
        }
    }

    private static async ValueTask EnableTimeToLiveAsync(IAmazonDynamoDB client, string tableName, ILogger logger, CancellationToken cancellationToken)
    {
        var current = (await client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = tableName }, cancellationToken)).TimeToLiveDescription;
        var status = current?.TimeToLiveStatus;
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING)
        {
            if (current!.AttributeName != DynamoDbAttributes.ExpiresAt)
            {
                DynamoDbLog.TimeToLiveUnavailable(logger, tableName, status.Value, current.AttributeName);
            }

            return;
        }

        if (status == TimeToLiveStatus.DISABLING)
        {
            // DynamoDB refuses to enable it again until disabling has finished, which can take an hour.
            DynamoDbLog.TimeToLiveUnavailable(logger, tableName, status.Value, current?.AttributeName);
            return;
        }

        try
        {
            await client.UpdateTimeToLiveAsync(
                new UpdateTimeToLiveRequest
                {
                    TableName = tableName,
                    TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = DynamoDbAttributes.ExpiresAt, Enabled = true },
                },
                cancellationToken);
            DynamoDbLog.TimeToLiveEnabled(logger, tableName, DynamoDbAttributes.ExpiresAt);
        }
        catch (AmazonDynamoDBException error) when (error.ErrorCode == "ValidationException")
        {
            // Another silo may have enabled it between our look and our request; anything else is a real refusal.
            if (!await IsEnabledAsync(client, tableName, cancellationToken))
            {
                throw;
            }
        }
    }

    private static async Task<bool> IsEnabledAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        var current = (await client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = tableName }, cancellationToken)).TimeToLiveDescription;
        return current?.AttributeName == DynamoDbAttributes.ExpiresAt
            && (current.TimeToLiveStatus == TimeToLiveStatus.ENABLED || current.TimeToLiveStatus == TimeToLiveStatus.ENABLING);
    }
}
