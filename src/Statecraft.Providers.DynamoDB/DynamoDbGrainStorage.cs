using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Statecraft.Persistence.DynamoDB;
using static Statecraft.Providers.DynamoDB.DynamoDbGrainStateTable;

namespace Statecraft.Providers.DynamoDB;

/// <summary>
/// Orleans grain storage in a DynamoDB table: one item per grain and state name, holding the serialized state and an
/// ETag. Every write and clear is a conditional request on the stored ETag being the grain's
/// (<see cref="ConditionalGrainStorage"/> does the rest), so a stale activation gets an
/// <see cref="InconsistentStateException"/> and changes nothing. Reads are strongly consistent.
/// </summary>
public sealed partial class DynamoDbGrainStorage : ConditionalGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>DynamoDB's item limit is 400 KB including keys and names; state beyond this cannot be stored in one item.</summary>
    private const int MaxStateBytes = 390 * 1024;

    private readonly IAmazonDynamoDB _client;
    private readonly bool _ownsClient;
    private readonly DynamoDbGrainStateTable _table;
    private readonly ILogger _logger;
    private int _disposed;

    /// <summary>Creates a storage provider with its own SDK client built from <paramref name="options"/>; nothing is contacted until the silo starts or the first use.</summary>
    /// <param name="name">The provider name grains refer to, as in <c>[PersistentState("flags", "flags")]</c>.</param>
    /// <param name="options">The table, endpoint, credentials and retries.</param>
    /// <param name="serializer">Turns state into bytes and back; the silo's default unless one is keyed to <paramref name="name"/>.</param>
    /// <param name="activatorProvider">Creates the empty state a grain starts from when nothing is stored.</param>
    /// <param name="logger">Receives table creation and ETag conflicts.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public DynamoDbGrainStorage(
        string name,
        DynamoDbOptions options,
        IGrainStorageSerializer serializer,
        IActivatorProvider activatorProvider,
        ILogger<DynamoDbGrainStorage>? logger = null)
        : this(CreateClient(Validated(name, options)), ownsClient: true, name, options, serializer, activatorProvider, logger)
    {
    }

    /// <summary>Creates a storage provider over a client the caller owns (and disposes); the connection settings of <paramref name="options"/> are not used.</summary>
    /// <param name="name">The provider name grains refer to.</param>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="options">The table settings.</param>
    /// <param name="serializer">Turns state into bytes and back.</param>
    /// <param name="activatorProvider">Creates the empty state a grain starts from when nothing is stored.</param>
    /// <param name="logger">Receives table creation and ETag conflicts.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public DynamoDbGrainStorage(
        string name,
        IAmazonDynamoDB client,
        DynamoDbOptions options,
        IGrainStorageSerializer serializer,
        IActivatorProvider activatorProvider,
        ILogger<DynamoDbGrainStorage>? logger = null)
        : this(client ?? throw new ArgumentNullException(nameof(client)), ownsClient: false, name, Validated(name, options), serializer, activatorProvider, logger)
    {
    }

    private DynamoDbGrainStorage(
        IAmazonDynamoDB client,
        bool ownsClient,
        string name,
        DynamoDbOptions options,
        IGrainStorageSerializer serializer,
        IActivatorProvider activatorProvider,
        ILogger? logger)
        : base(name, serializer, activatorProvider)
    {
        _logger = logger ?? NullLogger.Instance;
        _ownsClient = ownsClient;
        _client = client;
        _table = new DynamoDbGrainStateTable(_client, options, _logger);
    }

    /// <summary>The table holding the state.</summary>
    public string TableName => _table.Name;

    /// <summary>Creates or checks the table before grains activate, so a wrong endpoint or a foreign table stops the silo at start.</summary>
    /// <param name="lifecycle">The silo's lifecycle.</param>
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            $"{nameof(DynamoDbGrainStorage)}-{Name}",
            ServiceLifecycleStage.ApplicationServices,
            cancellationToken => _table.EnsureAsync(cancellationToken).AsTask());
    }

    /// <inheritdoc />
    /// <remarks>Strongly consistent, so a read right after a write on another silo sees it.</remarks>
    protected override async Task<StoredGrainState?> ReadRecordAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken);
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _table.Name, Key = Key(stateName, grainId), ConsistentRead = true },
            cancellationToken);
        return response.Item is { Count: > 0 } item
            ? new StoredGrainState(item[StateAttribute].B.ToArray(), item[ETagAttribute].S)
            : null;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The state is larger than a DynamoDB item holds.</exception>
    protected override async Task WriteRecordAsync(string stateName, GrainId grainId, byte[] payload, string? expectedETag, string newETag, CancellationToken cancellationToken)
    {
        if (payload.Length > MaxStateBytes)
        {
            throw new InvalidOperationException(
                $"State '{stateName}' of grain {grainId} serializes to {payload.Length / 1024} KB; DynamoDB items hold at most 400 KB, so provider '{Name}' cannot store it. Keep grain state small or store large data elsewhere.");
        }

        await ReadyAsync(cancellationToken);
        var item = Key(stateName, grainId);
        item[StateAttribute] = new AttributeValue { B = new MemoryStream(payload) };
        item[ETagAttribute] = new AttributeValue { S = newETag };
        var (condition, values) = ETagCondition(expectedETag);
        try
        {
            await _client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _table.Name,
                    Item = item,
                    ConditionExpression = condition,
                    ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#etag"] = ETagAttribute },
                    ExpressionAttributeValues = values,
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException failed)
        {
            throw await ConflictAsync("WriteStateAsync", stateName, grainId, failed, expectedETag, cancellationToken);
        }
    }

    /// <inheritdoc />
    protected override async Task DeleteRecordAsync(string stateName, GrainId grainId, string? expectedETag, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken);
        var (condition, values) = ETagCondition(expectedETag);
        try
        {
            await _client.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = _table.Name,
                    Key = Key(stateName, grainId),
                    ConditionExpression = condition,
                    ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#etag"] = ETagAttribute },
                    ExpressionAttributeValues = values,
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException failed)
        {
            throw await ConflictAsync("ClearStateAsync", stateName, grainId, failed, expectedETag, cancellationToken);
        }
    }

    /// <summary>Disposes the SDK client if the provider created it. Operations after this throw.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _table.Dispose();
            if (_ownsClient)
            {
                _client.Dispose();
            }
        }
    }

    private static AmazonDynamoDBClient CreateClient(DynamoDbOptions options) =>
        DynamoDbClientFactory.Create(options);

    private static DynamoDbOptions Validated(string name, DynamoDbOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        var validation = new DynamoDbOptionsValidator().Validate(name, options);
        return validation.Failed ? throw new OptionsValidationException(name, typeof(DynamoDbOptions), validation.Failures) : options;
    }

    private static Dictionary<string, AttributeValue> Key(string stateName, GrainId grainId) => new(StringComparer.Ordinal)
    {
        [GrainIdKey] = new AttributeValue { S = grainId.ToString() },
        [StateNameKey] = new AttributeValue { S = stateName },
    };

    /// <summary>No ETag means the grain believes there is no record; otherwise the record must carry exactly its ETag.</summary>
    private static (string Condition, Dictionary<string, AttributeValue>? Values) ETagCondition(string? etag) => etag is null
        ? ("attribute_not_exists(#etag)", null)
        : ("#etag = :etag", new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":etag"] = new AttributeValue { S = etag } });

    private async ValueTask ReadyAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _table.EnsureAsync(cancellationToken);
    }

    /// <summary>
    /// The exception for a failed condition, naming the stored ETag: DynamoDB returns the item with the failure, and when
    /// it does not (there was none, or an endpoint that omits it) the item is read.
    /// </summary>
    private async ValueTask<InconsistentStateException> ConflictAsync(
        string operation, string stateName, GrainId grainId, ConditionalCheckFailedException failed, string? current, CancellationToken cancellationToken)
    {
        var stored = failed.Item is { Count: > 0 } old
            ? old
            : (await _client.GetItemAsync(new GetItemRequest { TableName = _table.Name, Key = Key(stateName, grainId), ConsistentRead = true }, cancellationToken)).Item;
        var storedETag = stored is not null && stored.TryGetValue(ETagAttribute, out var value) ? value.S : null;
        LogConflict(_logger, operation, Name, stateName, grainId, storedETag, current);
        return Conflict(operation, stateName, grainId, storedETag, current);
    }

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "{Operation} refused by DynamoDB grain storage {ProviderName}: state {StateName} of {GrainId} has ETag {StoredETag}, the grain holds {GrainETag}")]
    private static partial void LogConflict(ILogger logger, string operation, string providerName, string stateName, GrainId grainId, string? storedETag, string? grainETag);
}
