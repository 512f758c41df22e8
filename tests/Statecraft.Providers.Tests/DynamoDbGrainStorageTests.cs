using Amazon.DynamoDBv2.Model;
using Orleans.Storage;
using Statecraft.Persistence.DynamoDB;
using Statecraft.Providers.DynamoDB;
using Statecraft.Providers.Tests.Contract;
using Statecraft.Testing;

namespace Statecraft.Providers.Tests;

/// <summary>DynamoDB grain storage against a real DynamoDB Local, one fresh table per test.</summary>
public sealed class DynamoDbGrainStorageTests(DynamoDbLocal dynamoDb) : GrainStorageContract, IClassFixture<DynamoDbLocal>
{
    private readonly string _table = DynamoDbLocal.UniqueTableName("grains");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await dynamoDb.DeleteTableAsync(_table);
    }

    protected override IGrainStorage CreateStorage() => new DynamoDbGrainStorage("flags", Options(), Serializer(), Activators());

    protected override async Task<int> CountStoredRecordsAsync()
    {
        using var client = dynamoDb.CreateClient();
        return (await client.ScanAsync(new ScanRequest { TableName = _table, ConsistentRead = true }, Ct)).Count ?? 0;
    }

    [Fact]
    public async Task Storages_starting_together_create_the_table_once()
    {
        var storages = Enumerable.Range(0, 3).Select(_ => Open()).ToList();

        await Task.WhenAll(storages.Select(storage => storage.ReadStateAsync(StateName, Grain, new TestState(), Ct)));

        using var client = dynamoDb.CreateClient();
        var table = (await client.DescribeTableAsync(new DescribeTableRequest { TableName = _table }, Ct)).Table;
        Assert.Equal(["grainId", "stateName"], table.KeySchema.Select(key => key.AttributeName));
    }

    [Fact]
    public async Task A_missing_table_is_an_error_when_creation_is_off()
    {
        var options = Options();
        options.CreateTableIfMissing = false;
        using var storage = new DynamoDbGrainStorage("flags", options, Serializer(), Activators());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.ReadStateAsync(StateName, Grain, new TestState(), Ct));

        Assert.Contains(_table, error.Message, StringComparison.Ordinal);
    }

    private DynamoDbOptions Options() => new()
    {
        ServiceUrl = dynamoDb.ServiceUrl,
        Region = DynamoDbLocal.Region,
        GrainStateTableName = _table,
    };
}
