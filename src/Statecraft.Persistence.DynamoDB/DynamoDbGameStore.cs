using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;
using static Statecraft.Persistence.DynamoDB.DynamoDbPaging;

namespace Statecraft.Persistence.DynamoDB;

/// <summary>
/// A game store in one DynamoDB table, one partition per game (see <see cref="DynamoDbKeys"/> for the item layout). An
/// append is a single <c>TransactWriteItems</c> whose header update is conditioned on the expected version, so silos on
/// any number of machines can share the table. Reads are strongly consistent except game listing, which goes through
/// a sparse index that DynamoDB keeps eventually consistent. Safe to share between any number of tasks.
/// </summary>
public sealed partial class DynamoDbGameStore : IGameStore, IDisposable, IAsyncDisposable
{
    private const int MaxLoadAttempts = 3;

    /// <summary>Extra items asked for per event page, so a chunked event does not cost a request per chunk.</summary>
    private const int PageSlack = 8;

    private readonly IAmazonDynamoDB _client;
    private readonly bool _ownsClient;
    private readonly DynamoDbOptions _options;
    private readonly string _table;
    private readonly ILogger _logger;
    private int _disposed;

    /// <summary>Creates a store with its own SDK client built from <paramref name="options"/>; nothing is contacted until first use.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">The named credentials profile does not exist.</exception>
    public DynamoDbGameStore(DynamoDbOptions options, ILogger<DynamoDbGameStore>? logger = null)
        : this(DynamoDbClientFactory.Create(Validated(options)), options, logger, ownsClient: true)
    {
    }

    /// <summary>Creates a store over a client the caller owns (and disposes); only the table settings of <paramref name="options"/> are used.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public DynamoDbGameStore(IAmazonDynamoDB client, DynamoDbOptions options, ILogger<DynamoDbGameStore>? logger = null)
        : this(client, Validated(options), logger, ownsClient: false)
    {
    }

    private DynamoDbGameStore(IAmazonDynamoDB client, DynamoDbOptions options, ILogger? logger, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _ownsClient = ownsClient;
        _options = options;
        _table = options.TableName;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public string Name => "dynamodb";

    /// <summary>The table this store reads and writes.</summary>
    public string TableName => _table;

    /// <inheritdoc />
    public async ValueTask InitializeAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await DynamoDbTableSetup.EnsureAsync(_client, _options, _logger, cancellationToken);
    }

    /// <summary>Reads a key that never exists: a cheap data-plane request that proves the endpoint, credentials and table.</summary>
    public async ValueTask PingAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await _client.GetItemAsync(new GetItemRequest { TableName = _table, Key = DynamoDbValues.Key("statecraft:ping", DynamoDbKeys.Header) }, cancellationToken);
    }

    /// <summary>
    /// The table's size and item count from DescribeTable: one control-plane call, no scan. DynamoDB refreshes both about
    /// every six hours, so they trail the truth by up to that much (DynamoDB Local reports them live); headers, events
    /// and snapshots are all items, counted together.
    /// </summary>
    public async ValueTask<StoreUsage> MeasureUsageAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var table = (await _client.DescribeTableAsync(new DescribeTableRequest { TableName = _table }, cancellationToken)).Table;
        return new StoreUsage(table.TableSizeBytes, new Dictionary<string, long>(StringComparer.Ordinal) { [StoreRecordKinds.Items] = table.ItemCount ?? 0 });
    }

    /// <summary>
    /// Two round trips: the header (with its snapshot index), then the chosen snapshot and the events after it, fetched
    /// concurrently. A large snapshot or a long tail may take further pages of DynamoDB's 1 MB responses.
    /// </summary>
    public async ValueTask<StoredGame?> LoadAsync(string gameId, long? snapshotBeforeVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        ThrowIfDisposed();
        for (var attempt = 1; ; attempt++)
        {
            if (await GetHeaderAsync(gameId, cancellationToken) is not { } item)
            {
                return null;
            }

            var header = DynamoDbHeaderMapping.ReadHeader(item);
            var index = DynamoDbHeaderMapping.ReadSnapshotIndex(item);
            var chosen = NewestSnapshot(index.Keys, snapshotBeforeVersion);
            var snapshotItems = chosen is { } version
                ? QueryAllAsync(_client, Range(_table, gameId, DynamoDbKeys.Snapshot(version), DynamoDbKeys.EndOf(DynamoDbKeys.Snapshot(version))), cancellationToken).AsTask()
                : Task.FromResult(new List<Dictionary<string, AttributeValue>>());
            // Bounded by the header's version: events of an append that commits meanwhile belong to a later header.
            var after = chosen ?? 0;
            var eventItems = header.Version > after
                ? QueryAllAsync(_client, Range(_table, gameId, DynamoDbKeys.Event(after + 1), DynamoDbKeys.EndOf(DynamoDbKeys.Event(header.Version))), cancellationToken).AsTask()
                : Task.FromResult(new List<Dictionary<string, AttributeValue>>());
            await Task.WhenAll(snapshotItems, eventItems);

            var snapshot = DynamoDbRecordMapping.ReadSnapshot(await snapshotItems);
            if (chosen is not null && snapshot is null)
            {
                // Pruned between the two reads: the next header no longer lists it.
                if (attempt < MaxLoadAttempts)
                {
                    DynamoDbLog.HeaderChanged(_logger, gameId, "load", attempt);
                    continue;
                }

                throw new InvalidOperationException($"The header of game '{gameId}' lists snapshot {chosen} but table '{_table}' does not hold it.");
            }

            return new StoredGame(header, snapshot, DynamoDbRecordMapping.ReadEvents(await eventItems));
        }
    }

    /// <inheritdoc />
    public async ValueTask<EventPage> ReadEventsAsync(string gameId, long fromVersion, long toVersion, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ThrowIfDisposed();
        var first = FirstEventVersionAsync(gameId, cancellationToken);
        // One event more than asked tells whether another page follows.
        var records = (int)Math.Min((long)maxCount + 1, int.MaxValue);
        var items = fromVersion <= toVersion ? await ReadEventItemsAsync(gameId, fromVersion, toVersion, records, cancellationToken) : [];
        var events = DynamoDbRecordMapping.ReadEvents(items);
        var hasMore = events.Count > maxCount;
        if (hasMore)
        {
            events.RemoveRange(maxCount, events.Count - maxCount);
        }

        return new EventPage(events, hasMore ? events[^1].Version + 1 : null, await first);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<long>> ListSnapshotVersionsAsync(string gameId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        ThrowIfDisposed();
        return await GetHeaderAsync(gameId, cancellationToken) is { } item ? [.. DynamoDbHeaderMapping.ReadSnapshotIndex(item).Keys] : [];
    }

    /// <summary>Disposes the SDK client if the store created it. Operations after this throw.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _ownsClient)
        {
            _client.Dispose();
        }
    }

    /// <summary>The same as <see cref="Dispose"/>; lets a container that disposes asynchronously release the client.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static DynamoDbOptions Validated(DynamoDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new DynamoDbOptionsValidator().Validate(Options.DefaultName, options);
        return validation.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(DynamoDbOptions), validation.Failures) : options;
    }

    /// <summary>The newest version in <paramref name="versions"/> (ascending) below <paramref name="before"/>, if any.</summary>
    private static long? NewestSnapshot(IList<long> versions, long? before)
    {
        for (var i = versions.Count - 1; i >= 0; i--)
        {
            if (before is not { } bound || versions[i] < bound)
            {
                return versions[i];
            }
        }

        return null;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    /// <summary>The header item, strongly consistent; null when the game does not exist.</summary>
    private async ValueTask<Dictionary<string, AttributeValue>?> GetHeaderAsync(string gameId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = DynamoDbValues.Key(gameId, DynamoDbKeys.Header), ConsistentRead = true },
            cancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>
    /// Event items from <paramref name="fromVersion"/> on, until <paramref name="records"/> events have been seen or the
    /// range ends. Chunk items count against DynamoDB's page limit too, hence the loop and a little slack per page;
    /// items beyond the last whole record needed are dropped by the caller.
    /// </summary>
    private async ValueTask<List<Dictionary<string, AttributeValue>>> ReadEventItemsAsync(string gameId, long fromVersion, long toVersion, int records, CancellationToken cancellationToken)
    {
        var request = Range(_table, gameId, DynamoDbKeys.Event(fromVersion), DynamoDbKeys.EndOf(DynamoDbKeys.Event(toVersion)));
        var items = new List<Dictionary<string, AttributeValue>>();
        var seen = 0;
        do
        {
            request.Limit = (int)Math.Min((long)records - seen + PageSlack, int.MaxValue);
            var response = await _client.QueryAsync(request, cancellationToken);
            foreach (var item in response.Items ?? [])
            {
                items.Add(item);
                seen += DynamoDbKeys.IsChunk(DynamoDbValues.GetString(item, DynamoDbKeys.SortKey)) ? 0 : 1;
            }

            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null && seen < records);

        return items;
    }

    /// <summary>The oldest stored event's version: the first item of the event range is a record item, never a chunk.</summary>
    private async Task<long?> FirstEventVersionAsync(string gameId, CancellationToken cancellationToken)
    {
        var request = Range(_table, gameId, DynamoDbKeys.EventPrefix, DynamoDbKeys.EventPrefix + "~", projection: "#sk");
        request.Limit = 1;
        var response = await _client.QueryAsync(request, cancellationToken);
        return response.Items is [var first, ..] ? DynamoDbKeys.VersionOf(DynamoDbValues.GetString(first, DynamoDbKeys.SortKey)) : null;
    }
}
