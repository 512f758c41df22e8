using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;

namespace Statecraft.Persistence.Redis;

/// <summary>Deletion, pruning, compaction and retention: everything that removes data.</summary>
public sealed partial class RedisGameStore
{
    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(string gameId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        var database = await DatabaseAsync(cancellationToken);
        var existed = (long)await database.ScriptEvaluateAsync(RedisScripts.Delete, _keys.For(gameId).All, [RedisValue.EmptyString]).WaitAsync(cancellationToken);
        await UnindexAsync(database, gameId, cancellationToken);
        return existed == 1;
    }

    /// <inheritdoc />
    public async ValueTask<int> PruneSnapshotsAsync(string gameId, int keep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        var database = await DatabaseAsync(cancellationToken);
        // Ranks 0 .. -(keep + 1): everything but the newest `keep`, in one command.
        return (int)await database.SortedSetRemoveRangeByRankAsync(_keys.For(gameId).Snapshots, 0, -(long)keep - 1).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<long> CompactAsync(string gameId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        var database = await DatabaseAsync(cancellationToken);
        return (long)await database.ScriptEvaluateAsync(RedisScripts.Compact, _keys.For(gameId).All).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Visits the finished games old enough for some rule, from <c>prefix:finished</c>, and decides per game with
    /// <see cref="RetentionRules"/> on the header as it is now. Each change is a script that re-checks what the
    /// decision was based on, so a concurrent append or compaction is never overruled. Index entries of games whose
    /// keys are gone (<see cref="RedisStoreOptions.FinishedGameTtl"/> expiry) are swept on the way.
    /// </summary>
    public async ValueTask<RetentionReport> ApplyRetentionAsync(DateTimeOffset now, RetentionPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (Shortest(policy.DropSnapshotsAfter, policy.DeleteGameAfter, _finishedGameTtl) is not { } shortest)
        {
            return new RetentionReport(0, 0);
        }

        var database = await DatabaseAsync(cancellationToken);
        var candidates = await database.SortedSetRangeByScoreAsync(_keys.Finished, double.NegativeInfinity, CutoffMilliseconds(now, shortest))
            .WaitAsync(cancellationToken);
        int snapshotsDeleted = 0, gamesDeleted = 0;
        foreach (var candidate in candidates)
        {
            var gameId = candidate.ToString();
            var keys = _keys.For(gameId);
            var extent = await database.ScriptEvaluateAsync(RedisScripts.RetentionExtent, keys.All).WaitAsync(cancellationToken);
            if (extent.IsNull)
            {
                await UnindexAsync(database, gameId, cancellationToken);
                LogSweptIndexEntry(_logger, gameId);
                continue;
            }

            var parts = RedisReplies.Array(extent);
            var finishedAt = parts[1].IsNull ? (DateTimeOffset?)null : RedisHeaderFormat.ParseTimestamp((string)parts[1]!);
            if (RetentionRules.IsDue(finishedAt, policy.DeleteGameAfter, now))
            {
                gamesDeleted += await DeleteFinishedGameAsync(database, gameId, keys, (string)parts[1]!, cancellationToken) ? 1 : 0;
            }
            else if (RetentionRules.IsDue(finishedAt, policy.DropSnapshotsAfter, now))
            {
                snapshotsDeleted += await DropRedundantSnapshotsAsync(database, keys, parts, cancellationToken);
            }
        }

        return new RetentionReport(snapshotsDeleted, gamesDeleted);
    }

    private static TimeSpan? Shortest(params TimeSpan?[] ages) =>
        ages.Min();

    /// <summary>
    /// Games whose finish score is at or below this may be due; <see cref="RetentionRules"/> makes the exact call per
    /// game. Rounded up because scores are whole milliseconds of finish times rounded down.
    /// </summary>
    private static double CutoffMilliseconds(DateTimeOffset now, TimeSpan age)
    {
        // Int128: extreme ages must clamp the range, not overflow it.
        var ticks = (Int128)now.UtcTicks - age.Ticks - DateTimeOffset.UnixEpoch.UtcTicks;
        var milliseconds = (ticks / TimeSpan.TicksPerMillisecond) + (ticks % TimeSpan.TicksPerMillisecond > 0 ? 1 : 0);
        return (double)milliseconds;
    }

    private async ValueTask<bool> DeleteFinishedGameAsync(IDatabase database, string gameId, GameKeys keys, string finishedAt, CancellationToken cancellationToken)
    {
        // Conditional on the finish time retention judged: -1 means the game changed meanwhile and stays.
        var deleted = (long)await database.ScriptEvaluateAsync(RedisScripts.Delete, keys.All, [finishedAt]).WaitAsync(cancellationToken);
        if (deleted == 1)
        {
            await UnindexAsync(database, gameId, cancellationToken);
        }

        return deleted == 1;
    }

    private static async ValueTask<int> DropRedundantSnapshotsAsync(IDatabase database, GameKeys keys, RedisResult[] extent, CancellationToken cancellationToken)
    {
        var headVersion = (long)extent[0];
        long? firstEventVersion = extent[2].IsNull ? null : RedisReplies.Version(extent[2]);
        var eventCount = (long)extent[3];
        var versions = RedisReplies.Array(extent[4]).Select(RedisReplies.Version).ToList();
        var redundant = RetentionRules.RedundantSnapshots(versions, firstEventVersion, eventCount, headVersion);
        if (redundant.Count == 0)
        {
            return 0;
        }

        RedisValue[] arguments = [headVersion, eventCount, firstEventVersion ?? -1, .. redundant.Select(version => (RedisValue)version)];
        var deleted = (long)await database.ScriptEvaluateAsync(RedisScripts.DropSnapshots, keys.All, arguments).WaitAsync(cancellationToken);
        return (int)Math.Max(0, deleted);
    }

    [LoggerMessage(EventId = 1206, Level = LogLevel.Debug, Message = "Removed the index entries of game {GameId}: its keys are gone (expired or deleted)")]
    private static partial void LogSweptIndexEntry(ILogger logger, string gameId);
}
