using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Statecraft.Persistence.Records;

namespace Statecraft.Persistence.Redis;

/// <summary>
/// The derived indexes <c>prefix:games</c> (every id at score 0, paged with <c>ZRANGEBYLEX</c>) and
/// <c>prefix:finished</c> (ids by finish time, for retention). They live in other slots than a game's keys, so the
/// append script cannot write them; the store writes them right after it, then sets the header's <c>indexed</c> field
/// to what was indexed. The script reports "needs indexing" whenever that field disagrees with the header, so an
/// entry lost to a crash between the two steps is written by the game's next append, retried append or load.
/// The game's own keys are the truth: an index entry without a header is skipped by listings and swept by retention.
/// </summary>
public sealed partial class RedisGameStore
{
    /// <inheritdoc />
    public async ValueTask<GamePage> ListGamesAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var database = await DatabaseAsync(cancellationToken);
        var headers = new List<GameHeader>(pageSize + 1);
        RedisValue after = continuationToken ?? RedisValue.Null;
        // One header more than asked tells whether another page follows; entries without a header (a game deleted or
        // expired while being indexed) are skipped, so keep reading until the page is full or the index ends.
        while (headers.Count <= pageSize)
        {
            var wanted = pageSize + 1 - headers.Count;
            var ids = await database.SortedSetRangeByValueAsync(
                _keys.Games, after, RedisValue.Null, after.IsNull ? Exclude.None : Exclude.Start, Order.Ascending, 0, wanted).WaitAsync(cancellationToken);
            var fields = await Task.WhenAll(ids.Select(id => database.HashGetAsync(_keys.For(id.ToString()).Head, RedisHeaderFormat.Fields)))
                .WaitAsync(cancellationToken);
            for (var i = 0; i < ids.Length; i++)
            {
                if (RedisHeaderFormat.Read(ids[i].ToString(), fields[i]) is { } read)
                {
                    headers.Add(read.Header);
                }
            }

            if (ids.Length < wanted)
            {
                break;
            }

            after = ids[^1];
        }

        var hasMore = headers.Count > pageSize;
        if (hasMore)
        {
            headers.RemoveAt(headers.Count - 1);
        }

        return new GamePage(headers, hasMore ? headers[^1].GameId : null);
    }

    /// <summary>
    /// Writes the game's index entries, then marks the header. Entries first: a crash in between leaves the marker
    /// stale, which makes the next append, retry or load write them again. The mark is conditional (see
    /// <see cref="RedisScripts.MarkIndexed"/>) so that it never recreates a deleted header.
    /// </summary>
    private async ValueTask IndexAsync(IDatabase database, string gameId, GameKeys keys, DateTimeOffset? finishedAt, CancellationToken cancellationToken)
    {
        var games = database.SortedSetAddAsync(_keys.Games, gameId, 0);
        var finished = finishedAt is { } at
            ? database.SortedSetAddAsync(_keys.Finished, gameId, RedisHeaderFormat.FinishedScore(at))
            : Task.FromResult(false);
        await Task.WhenAll(games, finished).WaitAsync(cancellationToken);
        await database.ScriptEvaluateAsync(RedisScripts.MarkIndexed, keys.All, [RedisHeaderFormat.IndexMarker(finishedAt)]).WaitAsync(cancellationToken);
    }

    /// <summary>A load found the index behind the header. It still returns the game if the repair fails: the data is intact, only listing lags.</summary>
    private async ValueTask RepairIndexAsync(IDatabase database, GameHeader header, GameKeys keys, CancellationToken cancellationToken)
    {
        try
        {
            await IndexAsync(database, header.GameId, keys, header.FinishedAt, cancellationToken);
            LogIndexRepaired(_logger, header.GameId);
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            LogIndexRepairFailed(_logger, error, header.GameId);
        }
    }

    private async ValueTask UnindexAsync(IDatabase database, string gameId, CancellationToken cancellationToken) =>
        await Task.WhenAll(
            database.SortedSetRemoveAsync(_keys.Games, gameId),
            database.SortedSetRemoveAsync(_keys.Finished, gameId)).WaitAsync(cancellationToken);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Wrote the missing index entries of game {GameId} (an earlier append stopped between its script and the index)")]
    private static partial void LogIndexRepaired(ILogger logger, string gameId);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Could not write the missing index entries of game {GameId}; the game loads, and its next append or load tries again")]
    private static partial void LogIndexRepairFailed(ILogger logger, Exception exception, string gameId);
}
