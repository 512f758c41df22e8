using Amazon.DynamoDBv2.Model;
using Statecraft.Persistence.DynamoDB;
using Statecraft.Persistence.Stores;
using Statecraft.Persistence.Tests.Contract;
using Statecraft.Testing;

namespace Statecraft.Persistence.Tests.Stores;

/// <summary>The shared contract against a real DynamoDB Local, one fresh table per test.</summary>
public sealed class DynamoDbGameStoreTests(DynamoDbLocal dynamoDb) : GameStoreContract, IClassFixture<DynamoDbLocal>
{
    private readonly string _table = DynamoDbLocal.UniqueTableName("contract");

    protected override ValueTask<IGameStore> CreateStoreAsync() =>
        ValueTask.FromResult<IGameStore>(new DynamoDbGameStore(new DynamoDbOptions
        {
            ServiceUrl = dynamoDb.ServiceUrl,
            Region = DynamoDbLocal.Region,
            TableName = _table,
        }));

    protected override ValueTask CorruptEventAsync(string gameId, long version) => FlipFirstPayloadBitAsync(gameId, DynamoDbKeys.Event(version));

    protected override ValueTask CorruptSnapshotAsync(string gameId, long version) => FlipFirstPayloadBitAsync(gameId, DynamoDbKeys.Snapshot(version));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await dynamoDb.DeleteTableAsync(_table);
    }

    /// <summary>Damages the stored bytes directly in the table, the way a bad write or a stray tool would, bypassing the store.</summary>
    private async ValueTask FlipFirstPayloadBitAsync(string gameId, string sortKey)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = dynamoDb.CreateClient();
        var key = new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = gameId },
            ["sk"] = new() { S = sortKey },
        };
        var item = (await client.GetItemAsync(new GetItemRequest { TableName = _table, Key = key, ConsistentRead = true }, ct)).Item;
        var payload = item["payload"].B.ToArray();
        payload[0] ^= 0x01;
        await client.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = _table,
                Key = key,
                UpdateExpression = "SET payload = :payload",
                ConditionExpression = "attribute_exists(pk)",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":payload"] = new() { B = new MemoryStream(payload) } },
            },
            ct);
    }
}
