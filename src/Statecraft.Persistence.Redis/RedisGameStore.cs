using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;

namespace Statecraft.Persistence.Redis;

/// <summary>
/// A game store on Redis, shared by every silo of a cluster. Each game is three keys in one hash slot (header hash,
/// events and snapshots as sorted sets scored by version), so an append is one atomic Lua script whose cost depends on
/// the batch, not the history. Two derived indexes in other slots list games and find finished ones; they are
/// written right after the script and repair themselves (RedisGameStore.Index.cs explains how).
/// All operations go through one <see cref="IConnectionMultiplexer"/>, which pipelines concurrent calls.
/// </summary>
public sealed partial class RedisGameStore : IGameStore, IAsyncDisposable
{
    private readonly RedisKeys _keys;
    private readonly string _keyPrefix;
    private readonly TimeSpan? _finishedGameTtl;
    private readonly string _finishedGameTtlMilliseconds;
    private readonly ILogger _logger;
    private readonly IConnectionMultiplexer? _borrowed;
    private readonly Lazy<Task<IConnectionMultiplexer>>? _owned;
    private readonly string _endpoints;
    private int _disposed;

    /// <summary>Creates a store that opens and owns its connection, on first use; it is closed on dispose.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public RedisGameStore(RedisStoreOptions options, ILogger<RedisGameStore>? logger = null)
        : this(Validated(options), logger, connection: null)
    {
    }

    /// <summary>
    /// Creates a store on a connection the caller owns and shares (one per silo); the store never closes it.
    /// Only <see cref="RedisStoreOptions.KeyPrefix"/> and <see cref="RedisStoreOptions.FinishedGameTtl"/> apply: the
    /// connection settings are the connection's.
    /// </summary>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public RedisGameStore(IConnectionMultiplexer connection, RedisStoreOptions options, ILogger<RedisGameStore>? logger = null)
        : this(Validated(options), logger, connection ?? throw new ArgumentNullException(nameof(connection)))
    {
    }

    private RedisGameStore(RedisStoreOptions options, ILogger? logger, IConnectionMultiplexer? connection)
    {
        _keyPrefix = options.KeyPrefix;
        _keys = new RedisKeys(options.KeyPrefix);
        _finishedGameTtl = options.FinishedGameTtl;
        // PEXPIRE wants whole milliseconds; "0" tells the append script not to expire anything.
        _finishedGameTtlMilliseconds = options.FinishedGameTtl is { } ttl ? ((long)ttl.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) : "0";
        _logger = logger ?? NullLogger.Instance;
        if (connection is null)
        {
            var configuration = RedisConnection.Configure(options, loggerFactory: null);
            _endpoints = RedisConnection.Describe(configuration);
            _owned = new Lazy<Task<IConnectionMultiplexer>>(() => ConnectAsync(configuration));
        }
        else
        {
            _borrowed = connection;
            _endpoints = string.Join(", ", connection.GetEndPoints().Select(EndPointCollection.ToString));
            Watch(connection);
        }
    }

    /// <inheritdoc />
    public string Name => "redis";

    /// <summary>Connects (when the store owns its connection), checks that Redis answers and loads the scripts on every primary.</summary>
    /// <exception cref="InvalidOperationException">Redis cannot be reached; the message names the endpoints.</exception>
    public async ValueTask InitializeAsync(CancellationToken cancellationToken = default)
    {
        var connection = await ConnectionAsync(cancellationToken);
        try
        {
            await connection.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            var primaries = connection.GetServers().Where(server => server.IsConnected && !server.IsReplica).ToList();
            foreach (var server in primaries)
            {
                foreach (var script in RedisScripts.All)
                {
                    await server.ScriptLoadAsync(script).WaitAsync(cancellationToken);
                }
            }

            LogReady(_logger, _endpoints, _keyPrefix, RedisScripts.All.Length, primaries.Count);
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            throw new InvalidOperationException($"The Redis game store cannot reach {_endpoints}: {error.Message}", error);
        }
    }

    /// <inheritdoc />
    public async ValueTask PingAsync(CancellationToken cancellationToken = default)
    {
        var database = await DatabaseAsync(cancellationToken);
        await database.PingAsync().WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Games come from the game index (one ZCARD). Bytes are the server's <c>used_memory</c>: Redis cannot tell a key
    /// prefix's share without visiting every key, so this is the whole server's (membership and reminders included) —
    /// what an operator sizes anyway. A server that refuses INFO (a restricted ACL) reports no bytes.
    /// Events and snapshots live in one list and hash per game; counting them would visit every game, so they are not counted.
    /// </remarks>
    public async ValueTask<StoreUsage> MeasureUsageAsync(CancellationToken cancellationToken = default)
    {
        var database = await DatabaseAsync(cancellationToken);
        var games = await database.SortedSetLengthAsync(_keys.Games).WaitAsync(cancellationToken);
        long? bytes = null;
        try
        {
            var info = (string?)await database.ExecuteAsync("INFO", "memory").WaitAsync(cancellationToken);
            bytes = RedisReplies.UsedMemory(info);
        }
        catch (RedisServerException)
        {
            // NOPERM or a renamed command: size unknown, games still counted.
        }

        return new StoreUsage(bytes, new Dictionary<string, long>(StringComparer.Ordinal) { [StoreRecordKinds.Games] = games });
    }

    /// <inheritdoc />
    public async ValueTask<StoredGame?> LoadAsync(string gameId, long? snapshotBeforeVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        var database = await DatabaseAsync(cancellationToken);
        var keys = _keys.For(gameId);
        RedisValue before = snapshotBeforeVersion is { } bound ? $"({bound}" : "+inf";
        var reply = await database.ScriptEvaluateAsync(RedisScripts.Load, keys.All, [before]).WaitAsync(cancellationToken);
        if (reply.IsNull)
        {
            return null;
        }

        var parts = RedisReplies.Array(reply);
        var (header, indexed) = RedisHeaderFormat.Read(gameId, (RedisValue[])parts[0]!)
            ?? throw new InvalidDataException($"The header of game '{gameId}' has no version.");
        var snapshotEntry = RedisReplies.Array(parts[1]);
        var snapshot = snapshotEntry.Length == 0 ? null : RedisRecordFormat.ReadSnapshot(RedisReplies.Bytes(snapshotEntry[0]));
        var events = RedisReplies.Array(parts[2]).Select(member => RedisRecordFormat.ReadEvent(RedisReplies.Bytes(member))).ToList();
        if (indexed != RedisHeaderFormat.IndexMarker(header.FinishedAt))
        {
            await RepairIndexAsync(database, header, keys, cancellationToken);
        }

        return new StoredGame(header, snapshot, events);
    }

    /// <inheritdoc />
    public async ValueTask<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var database = await DatabaseAsync(cancellationToken);
        var header = request.Header;
        var keys = _keys.For(header.GameId);
        var reply = RedisReplies.Array(await database.ScriptEvaluateAsync(RedisScripts.Append, keys.All, AppendArguments(request)).WaitAsync(cancellationToken));
        var status = (long)reply[0];
        var version = (long)reply[1];
        if (status == RedisScripts.Conflict)
        {
            return AppendResult.Conflict(version);
        }

        // Reported durable only once the index entries are written too: if this throws, the caller retries, the retry
        // is recognised as already applied, and it writes them.
        if ((long)reply[2] == 1)
        {
            await IndexAsync(database, header.GameId, keys, header.FinishedAt, cancellationToken);
        }

        return status == RedisScripts.AlreadyApplied ? AppendResult.AlreadyApplied(version) : AppendResult.Appended(version);
    }

    /// <inheritdoc />
    public async ValueTask<EventPage> ReadEventsAsync(string gameId, long fromVersion, long toVersion, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var database = await DatabaseAsync(cancellationToken);
        var keys = _keys.For(gameId);
        // MULTI/EXEC: the page and the first stored version come from the same state, in one round trip.
        var transaction = database.CreateTransaction();
        // One event more than asked tells whether another page follows.
        var page = transaction.SortedSetRangeByScoreAsync(keys.Events, fromVersion, toVersion, take: (long)maxCount + 1);
        var first = transaction.SortedSetRangeByRankWithScoresAsync(keys.Events, 0, 0);
        await transaction.ExecuteAsync().WaitAsync(cancellationToken);

        var events = (await page).Select(member => RedisRecordFormat.ReadEvent(RedisReplies.Bytes(member))).ToList();
        var firstEntry = await first;
        var hasMore = events.Count > maxCount;
        if (hasMore)
        {
            events.RemoveAt(events.Count - 1);
        }

        return new EventPage(events, hasMore ? events[^1].Version + 1 : null, firstEntry.Length == 0 ? null : (long)firstEntry[0].Score);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<long>> ListSnapshotVersionsAsync(string gameId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        var database = await DatabaseAsync(cancellationToken);
        var reply = await database.ScriptEvaluateAsync(RedisScripts.SnapshotVersions, _keys.For(gameId).All).WaitAsync(cancellationToken);
        return [.. RedisReplies.Array(reply).Select(RedisReplies.Version)];
    }

    /// <summary>Closes the connection if the store opened it. Operations after this throw.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_borrowed is not null)
        {
            Unwatch(_borrowed);
        }
        else if (_owned is { IsValueCreated: true } owned)
        {
            // A connection still being opened is waited for, so it is closed rather than leaked.
            await ((Task)owned.Value).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (owned.Value.IsCompletedSuccessfully)
            {
                var connection = owned.Value.Result;
                Unwatch(connection);
                await connection.DisposeAsync();
            }
        }
    }

    private static RedisStoreOptions Validated(RedisStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new RedisStoreOptionsValidator().Validate(Options.DefaultName, options);
        return validation.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(RedisStoreOptions), validation.Failures) : options;
    }

    private RedisValue[] AppendArguments(AppendRequest request)
    {
        var header = request.Header;
        var values = new RedisValue[RedisScripts.AppendFixedArguments + request.Events.Count];
        values[0] = request.ExpectedVersion;
        values[1] = request.BatchId.ToString("N");
        values[2] = header.Version;
        values[3] = header.RulesetId;
        values[4] = header.Phase;
        values[5] = RedisHeaderFormat.Timestamp(header.UpdatedAt);
        values[6] = header.FinishedAt is { } finished ? RedisHeaderFormat.Timestamp(finished) : RedisValue.EmptyString;
        values[7] = _finishedGameTtlMilliseconds;
        values[8] = request.Snapshot is { } snapshot ? RedisRecordFormat.Write(snapshot) : RedisValue.EmptyString;
        values[9] = request.SnapshotsToKeep;
        for (var i = 0; i < request.Events.Count; i++)
        {
            values[RedisScripts.AppendFixedArguments + i] = RedisRecordFormat.Write(request.Events[i]);
        }

        return values;
    }

    private async ValueTask<IDatabase> DatabaseAsync(CancellationToken cancellationToken) =>
        (await ConnectionAsync(cancellationToken)).GetDatabase();

    private ValueTask<IConnectionMultiplexer> ConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_borrowed is not null)
        {
            return ValueTask.FromResult(_borrowed);
        }

        var connecting = _owned!.Value;
        return connecting.IsCompletedSuccessfully ? ValueTask.FromResult(connecting.Result) : new ValueTask<IConnectionMultiplexer>(connecting.WaitAsync(cancellationToken));
    }

    private async Task<IConnectionMultiplexer> ConnectAsync(ConfigurationOptions configuration)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        Watch(connection);
        return connection;
    }

    private void Watch(IConnectionMultiplexer connection)
    {
        connection.ConnectionFailed += OnConnectionFailed;
        connection.ConnectionRestored += OnConnectionRestored;
    }

    private void Unwatch(IConnectionMultiplexer connection)
    {
        connection.ConnectionFailed -= OnConnectionFailed;
        connection.ConnectionRestored -= OnConnectionRestored;
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) =>
        LogConnectionFailed(_logger, e.Exception, e.EndPoint, e.FailureType);

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) =>
        LogConnectionRestored(_logger, e.EndPoint);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Redis game store ready on {Endpoints} under key prefix '{KeyPrefix}': {ScriptCount} scripts loaded on {PrimaryCount} primaries")]
    private static partial void LogReady(ILogger logger, string endpoints, string keyPrefix, int scriptCount, int primaryCount);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Lost the Redis connection to {EndPoint} ({FailureType}); store operations fail until it is restored")]
    private static partial void LogConnectionFailed(ILogger logger, Exception? exception, EndPoint? endPoint, ConnectionFailureType failureType);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Restored the Redis connection to {EndPoint}")]
    private static partial void LogConnectionRestored(ILogger logger, EndPoint? endPoint);
}
