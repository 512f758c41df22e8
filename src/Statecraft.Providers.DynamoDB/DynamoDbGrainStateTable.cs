using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Statecraft.Persistence.DynamoDB;

namespace Statecraft.Providers.DynamoDB;

/// <summary>
/// One provider's handle on the grain state table: created when allowed and missing, waited on until active and checked
/// for the expected keys, once per instance before the first operation. Items are keyed by grain (partition) and state
/// name (sort) and hold the serialized state and its ETag.
/// </summary>
internal sealed partial class DynamoDbGrainStateTable : IDisposable
{
    public const string GrainIdKey = "grainId";
    public const string StateNameKey = "stateName";
    public const string StateAttribute = "state";
    public const string ETagAttribute = "etag";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);

    private readonly IAmazonDynamoDB _client;
    private readonly DynamoDbOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    public DynamoDbGrainStateTable(IAmazonDynamoDB client, DynamoDbOptions options, ILogger logger)
    {
        _client = client;
        _options = options;
        _logger = logger;
    }

    public string Name => _options.GrainStateTableName;

    /// <summary>
    /// Makes sure the table exists and is active, unless this instance already did. A failed attempt is not remembered:
    /// the next caller tries again, so one bad moment of the network does not poison the provider for the silo's life.
    /// </summary>
    public async ValueTask EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_ready)
            {
                await CreateIfMissingAsync(cancellationToken);
                Verify(await WaitUntilActiveAsync(cancellationToken));
                _ready = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async ValueTask CreateIfMissingAsync(CancellationToken cancellationToken)
    {
        if (await DescribeAsync(cancellationToken) is not null)
        {
            return;
        }

        if (!_options.CreateTableIfMissing)
        {
            throw new InvalidOperationException(
                $"The DynamoDB table '{Name}' for grain state does not exist. Create it (partition key {GrainIdKey}, sort key {StateNameKey}, both strings) or set Statecraft:DynamoDB:CreateTableIfMissing=true.");
        }

        var provisioned = _options.ReadCapacity is { } read && _options.WriteCapacity is { } write
            ? new ProvisionedThroughput { ReadCapacityUnits = read, WriteCapacityUnits = write }
            : null;
        try
        {
            await _client.CreateTableAsync(
                new CreateTableRequest
                {
                    TableName = Name,
                    AttributeDefinitions =
                    [
                        new AttributeDefinition { AttributeName = GrainIdKey, AttributeType = ScalarAttributeType.S },
                        new AttributeDefinition { AttributeName = StateNameKey, AttributeType = ScalarAttributeType.S },
                    ],
                    KeySchema =
                    [
                        new KeySchemaElement { AttributeName = GrainIdKey, KeyType = KeyType.HASH },
                        new KeySchemaElement { AttributeName = StateNameKey, KeyType = KeyType.RANGE },
                    ],
                    BillingMode = provisioned is null ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED,
                    ProvisionedThroughput = provisioned,
                },
                cancellationToken);
            LogCreated(_logger, Name);
        }
        catch (ResourceInUseException)
        {
            // Another silo created it first.
        }
    }

    private async ValueTask<TableDescription?> DescribeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _client.DescribeTableAsync(new DescribeTableRequest { TableName = Name }, cancellationToken)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private async ValueTask<TableDescription> WaitUntilActiveAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + MaxWait;
        while (true)
        {
            var table = await DescribeAsync(cancellationToken)
                ?? throw new InvalidOperationException($"The DynamoDB table '{Name}' disappeared while grain storage waited for it to become active.");
            if (table.TableStatus == TableStatus.ACTIVE)
            {
                return table;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The DynamoDB table '{Name}' is still {table.TableStatus} after {MaxWait}.");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static void Verify(TableDescription table)
    {
        var keys = table.KeySchema ?? [];
        if (keys.Count != 2
            || !keys.Any(key => key.AttributeName == GrainIdKey && key.KeyType == KeyType.HASH)
            || !keys.Any(key => key.AttributeName == StateNameKey && key.KeyType == KeyType.RANGE))
        {
            throw new InvalidOperationException(
                $"The DynamoDB table '{table.TableName}' exists but is not a grain state table: it needs partition key {GrainIdKey} and sort key {StateNameKey} (strings). Point GrainStateTableName at another table.");
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Created DynamoDB table {TableName} for grain state")]
    private static partial void LogCreated(ILogger logger, string tableName);
}
