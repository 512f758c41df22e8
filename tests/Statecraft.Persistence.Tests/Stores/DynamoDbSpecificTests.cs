using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Statecraft.Persistence.DynamoDB;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;
using Statecraft.Persistence.Telemetry;
using Statecraft.Testing;
using static Statecraft.Persistence.Tests.Contract.RecordFactory;

namespace Statecraft.Persistence.Tests.Stores;

/// <summary>What only the DynamoDB store must get right: its item layout and chunking, expiry, table setup and wiring.</summary>
public sealed class DynamoDbSpecificTests(DynamoDbLocal dynamoDb) : IClassFixture<DynamoDbLocal>, IAsyncDisposable
{
    private readonly List<string> _tables = [];
    private readonly List<DynamoDbGameStore> _stores = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        foreach (var table in _tables)
        {
            await dynamoDb.DeleteTableAsync(table);
        }
    }

    [Fact]
    public async Task Records_larger_than_an_item_are_split_into_chunks_and_reassembled()
    {
        var store = await OpenStoreAsync(options => options.MaxItemBytes = 1024);
        var big = Snapshot("g1", 3, size: 4_500);
        var bigEvent = new EventRecord(2, CommandFor(2), T0, Payload("g1", RecordChecksum.Kind.Event, 2, "test.event", $"{{\"pad\":\"{new string('e', 2_500)}\"}}"));
        var request = new AppendRequest(Header("g1", 3), 0, [Event("g1", 1), bigEvent, Event("g1", 3)], big, Guid.NewGuid());
        Assert.Equal(AppendResult.Appended(3), await store.AppendAsync(request, Ct));

        var snapshotItems = await RawItemsAsync(store.TableName, "g1", "S#");
        Assert.Equal(
            ["S#00000000000000000003", "S#00000000000000000003#C#0001", "S#00000000000000000003#C#0002", "S#00000000000000000003#C#0003", "S#00000000000000000003#C#0004"],
            snapshotItems.Select(item => item["sk"].S));
        Assert.All(snapshotItems, item => Assert.InRange(item["payload"].B.Length, 1, 1024));
        Assert.Equal(big.Payload.Length, snapshotItems.Sum(item => item["payload"].B.Length));
        Assert.Equal("5", snapshotItems[0]["parts"].N);
        Assert.Equal(
            ["E#00000000000000000001", "E#00000000000000000002", "E#00000000000000000002#C#0001", "E#00000000000000000002#C#0002", "E#00000000000000000003"],
            (await RawItemsAsync(store.TableName, "g1", "E#")).Select(item => item["sk"].S));

        var loaded = await store.LoadAsync("g1", cancellationToken: Ct);
        Assert.Equal(big.Payload.Data, loaded!.Snapshot!.Payload.Data);
        Assert.True(RecordChecksum.IsIntact("g1", RecordChecksum.Kind.Snapshot, 3, loaded.Snapshot.Payload));
        // Paging counts records, not items: the chunks of event 2 do not shorten the page.
        var page = await store.ReadEventsAsync("g1", 1, 3, 2, Ct);
        Assert.Equal([1L, 2L], page.Events.Select(e => e.Version));
        Assert.Equal(bigEvent.Payload.Data, page.Events[1].Payload.Data);
        Assert.Equal(3, page.NextFromVersion);
        var all = await store.LoadAsync("g1", snapshotBeforeVersion: 3, cancellationToken: Ct);
        Assert.Equal(bigEvent.Payload.Data, all!.Events[1].Payload.Data);
    }

    [Fact]
    public async Task A_megabyte_snapshot_takes_a_few_items_each_under_dynamodbs_limit()
    {
        var store = await OpenStoreAsync();
        var big = Snapshot("g1", 1, size: 1_300_000);
        await store.AppendAsync(new AppendRequest(Header("g1", 1), 0, [Event("g1", 1)], big, Guid.NewGuid()), Ct);

        var items = await RawItemsAsync(store.TableName, "g1", "S#");
        Assert.Equal(4, items.Count);
        Assert.All(items, item => Assert.True(item["payload"].B.Length <= 350 * 1024));
    }

    [Fact]
    public async Task Pruning_a_chunked_snapshot_deletes_all_of_its_items()
    {
        var store = await OpenStoreAsync(options => options.MaxItemBytes = 1024);
        await store.AppendAsync(new AppendRequest(Header("g1", 1), 0, [Event("g1", 1)], Snapshot("g1", 1, size: 3_000), Guid.NewGuid()), Ct);
        await store.AppendAsync(new AppendRequest(Header("g1", 2), 1, [Event("g1", 2)], Snapshot("g1", 2, size: 3_000), Guid.NewGuid()), Ct);

        Assert.Equal(1, await store.PruneSnapshotsAsync("g1", keep: 1, Ct));

        Assert.All(await RawItemsAsync(store.TableName, "g1", "S#"), item => Assert.StartsWith("S#00000000000000000002", item["sk"].S, StringComparison.Ordinal));
        Assert.True(await store.DeleteAsync("g1", Ct));
        Assert.Empty(await RawItemsAsync(store.TableName, "g1", ""));
    }

    [Fact]
    public async Task A_finished_game_ttl_stamps_every_item_of_finished_games_only()
    {
        var ttl = TimeSpan.FromDays(3650);
        var store = await OpenStoreAsync(options => options.FinishedGameTtl = ttl);
        await store.AppendAsync(Append("done", 1, 4, snapshot: true), Ct);
        await store.AppendAsync(Append("done", 5, 6, finishedAt: T0), Ct);
        await store.AppendAsync(Append("live", 1, 3, snapshot: true), Ct);

        var expected = (T0 + ttl).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var done = await RawItemsAsync(store.TableName, "done", "");
        Assert.Equal(8, done.Count); // header, six events, one snapshot
        Assert.All(done, item => Assert.Equal(expected, item["expiresAt"].N));
        Assert.All(await RawItemsAsync(store.TableName, "live", ""), item => Assert.False(item.ContainsKey("expiresAt")));

        using var client = dynamoDb.CreateClient();
        var described = await client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = store.TableName }, Ct);
        Assert.Equal("expiresAt", described.TimeToLiveDescription.AttributeName);
        Assert.Contains(described.TimeToLiveDescription.TimeToLiveStatus.Value, new[] { "ENABLED", "ENABLING" });
    }

    [Fact]
    public async Task A_game_survives_a_new_store_instance_on_the_same_table()
    {
        var first = Append("g1", 1, 4, snapshot: true);
        var second = Append("g1", 5, 6, finishedAt: T0.AddHours(1).ToOffset(TimeSpan.FromHours(2)));
        var table = DynamoDbLocal.UniqueTableName("reopen");
        using (var store = await OpenStoreAsync(options => options.TableName = table))
        {
            await store.AppendAsync(first, Ct);
            await store.AppendAsync(second, Ct);
        }

        var reopened = await OpenStoreAsync(options => options.TableName = table);
        var loaded = await reopened.LoadAsync("g1", cancellationToken: Ct);
        Assert.NotNull(loaded);
        Assert.Equal(second.Header, loaded.Header);
        Assert.Equal(TimeSpan.FromHours(2), loaded.Header.FinishedAt!.Value.Offset);
        Assert.Equal(first.Snapshot!.Payload.Data, loaded.Snapshot!.Payload.Data);
        Assert.Equal([5L, 6L], loaded.Events.Select(e => e.Version));
        // The last batch is remembered in the header, so a retry through another silo is still recognised.
        Assert.Equal(AppendResult.AlreadyApplied(6), await reopened.AppendAsync(second, Ct));
        Assert.Equal(["g1"], (await reopened.ListGamesAsync(null, 10, Ct)).Games.Select(h => h.GameId));
    }

    [Fact]
    public async Task Table_creation_is_idempotent_even_when_silos_start_together()
    {
        var table = DynamoDbLocal.UniqueTableName("create");
        _tables.Add(table);
        var stores = Enumerable.Range(0, 3).Select(_ => Track(new DynamoDbGameStore(Options(table)))).ToList();
        await Task.WhenAll(stores.Select(store => store.InitializeAsync(Ct).AsTask()));
        await stores[0].InitializeAsync(Ct);

        using var client = dynamoDb.CreateClient();
        var description = (await client.DescribeTableAsync(new DescribeTableRequest { TableName = table }, Ct)).Table;
        Assert.Equal(TableStatus.ACTIVE, description.TableStatus);
        Assert.Equal("headers", Assert.Single(description.GlobalSecondaryIndexes).IndexName);
        Assert.Equal(AppendResult.Appended(2), await stores[1].AppendAsync(Append("g1", 1, 2), Ct));
        Assert.Equal(2, (await stores[2].LoadAsync("g1", cancellationToken: Ct))!.Version);
    }

    [Fact]
    public async Task Provisioned_capacity_is_applied_to_a_created_table()
    {
        var store = await OpenStoreAsync(options => (options.ReadCapacity, options.WriteCapacity) = (7, 3));

        using var client = dynamoDb.CreateClient();
        var description = (await client.DescribeTableAsync(new DescribeTableRequest { TableName = store.TableName }, Ct)).Table;
        Assert.Equal(7, description.ProvisionedThroughput.ReadCapacityUnits);
        Assert.Equal(3, description.ProvisionedThroughput.WriteCapacityUnits);
    }

    [Fact]
    public async Task A_missing_table_is_an_error_when_creation_is_off()
    {
        var table = DynamoDbLocal.UniqueTableName("missing");
        using var store = new DynamoDbGameStore(Options(table, createTable: false));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.InitializeAsync(Ct));

        Assert.Contains(table, error.Message, StringComparison.Ordinal);
        Assert.Contains("CreateTableIfMissing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_of_another_layout_is_refused()
    {
        var table = DynamoDbLocal.UniqueTableName("foreign");
        _tables.Add(table);
        using (var client = dynamoDb.CreateClient())
        {
            await client.CreateTableAsync(
                new CreateTableRequest
                {
                    TableName = table,
                    AttributeDefinitions = [new AttributeDefinition { AttributeName = "id", AttributeType = ScalarAttributeType.S }],
                    KeySchema = [new KeySchemaElement { AttributeName = "id", KeyType = KeyType.HASH }],
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                },
                Ct);
        }

        using var store = new DynamoDbGameStore(Options(table));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.InitializeAsync(Ct));
        Assert.Contains("not laid out for the game store", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_append_beyond_one_transaction_is_refused_before_anything_is_written()
    {
        var store = await OpenStoreAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.AppendAsync(Append("g1", 1, 120), Ct));

        Assert.Contains("100 items", error.Message, StringComparison.Ordinal);
        Assert.Null(await store.LoadAsync("g1", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_foreign_continuation_token_is_an_argument_error()
    {
        var store = await OpenStoreAsync();
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.ListGamesAsync("not a token", 10, Ct));
    }

    [Fact]
    public async Task The_configuration_section_backs_an_instrumented_store()
    {
        var table = DynamoDbLocal.UniqueTableName("di");
        _tables.Add(table);
        await using var provider = Build(
            ("Statecraft:DynamoDB:TableName", table),
            ("Statecraft:DynamoDB:ServiceUrl", dynamoDb.ServiceUrl),
            ("Statecraft:DynamoDB:Region", DynamoDbLocal.Region),
            ("Statecraft:DynamoDB:FinishedGameTtl", "30.00:00:00"),
            ("Statecraft:DynamoDB:RetryMode", "Adaptive"));
        var store = provider.GetRequiredService<IGameStore>();
        var inner = Assert.IsType<DynamoDbGameStore>(Assert.IsType<InstrumentedGameStore>(store).Inner);
        Assert.Equal(table, inner.TableName);
        Assert.Equal(TimeSpan.FromDays(30), provider.GetRequiredService<IOptions<DynamoDbOptions>>().Value.FinishedGameTtl);

        await store.InitializeAsync(Ct);
        await store.PingAsync(Ct);
        Assert.Equal(AppendResult.Appended(1), await store.AppendAsync(Append("g1", 1, 1), Ct));
    }

    [Theory]
    [InlineData("MaxItemBytes", "10", "MaxItemBytes")]
    [InlineData("ReadCapacity", "5", "ReadCapacity and WriteCapacity go together")]
    [InlineData("ServiceUrl", "localhost:8000", "ServiceUrl")]
    [InlineData("TableName", "a", "TableName")]
    [InlineData("FinishedGameTtl", "00:00:00", "FinishedGameTtl")]
    public async Task An_invalid_setting_is_reported_with_its_key(string key, string value, string expected)
    {
        await using var provider = Build(($"Statecraft:DynamoDB:{key}", value));
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DynamoDbOptions>>().Value);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddStatecraftPersistence(configuration).AddDynamoDbGameStore(configuration).BuildServiceProvider();
    }

    private DynamoDbOptions Options(string table, bool createTable = true) => new()
    {
        ServiceUrl = dynamoDb.ServiceUrl,
        Region = DynamoDbLocal.Region,
        TableName = table,
        CreateTableIfMissing = createTable,
    };

    private DynamoDbGameStore Track(DynamoDbGameStore store)
    {
        _stores.Add(store);
        return store;
    }

    private async Task<DynamoDbGameStore> OpenStoreAsync(Action<DynamoDbOptions>? configure = null)
    {
        var options = Options(DynamoDbLocal.UniqueTableName("specific"));
        configure?.Invoke(options);
        if (!_tables.Contains(options.TableName))
        {
            _tables.Add(options.TableName);
        }

        var store = Track(new DynamoDbGameStore(options));
        await store.InitializeAsync(Ct);
        return store;
    }

    /// <summary>The game's items whose sort key starts with <paramref name="prefix"/>, read behind the store's back, in key order.</summary>
    private async Task<List<Dictionary<string, AttributeValue>>> RawItemsAsync(string table, string gameId, string prefix)
    {
        using var client = dynamoDb.CreateClient();
        var request = new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = "pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = new() { S = gameId }, [":prefix"] = new() { S = prefix } },
            ConsistentRead = true,
        };
        if (prefix.Length == 0)
        {
            request.KeyConditionExpression = "pk = :pk";
            request.ExpressionAttributeValues.Remove(":prefix");
        }

        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var response = await client.QueryAsync(request, Ct);
            items.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null);

        return items;
    }
}
