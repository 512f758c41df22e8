using System.Collections.Concurrent;
using Statecraft.Persistence.Records;

namespace Statecraft.Persistence.Stores;

/// <summary>
/// A store in process memory with the same semantics as the durable ones (optimistic concurrency, batch retries,
/// pruning, compaction, retention). Bytes are copied in and out so callers cannot alter stored records.
/// For tests and throwaway development silos: nothing survives the process.
/// </summary>
public sealed class InMemoryGameStore : IGameStore
{
    private readonly ConcurrentDictionary<string, Stream> _games = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Name => "memory";

    /// <inheritdoc />
    public ValueTask InitializeAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask PingAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <inheritdoc />
    /// <remarks>Bytes are the payload bytes held (records' fixed fields are not counted).</remarks>
    public ValueTask<StoreUsage> MeasureUsageAsync(CancellationToken cancellationToken = default)
    {
        long games = 0, events = 0, snapshots = 0, bytes = 0;
        foreach (var stream in _games.Values)
        {
            lock (stream)
            {
                if (stream.Header is null)
                {
                    continue;
                }

                games++;
                events += stream.Events.Count;
                snapshots += stream.Snapshots.Count;
                bytes += stream.Events.Values.Sum(e => (long)e.Payload.Length) + stream.Snapshots.Values.Sum(s => (long)s.Payload.Length);
            }
        }

        return ValueTask.FromResult(new StoreUsage(bytes, new Dictionary<string, long>(StringComparer.Ordinal)
        {
            [StoreRecordKinds.Games] = games,
            [StoreRecordKinds.Events] = events,
            [StoreRecordKinds.Snapshots] = snapshots,
        }));
    }

    /// <inheritdoc />
    public ValueTask<StoredGame?> LoadAsync(string gameId, long? snapshotBeforeVersion = null, CancellationToken cancellationToken = default)
    {
        if (!_games.TryGetValue(gameId, out var stream))
        {
            return ValueTask.FromResult<StoredGame?>(null);
        }

        lock (stream)
        {
            if (stream.Header is null)
            {
                return ValueTask.FromResult<StoredGame?>(null);
            }

            var snapshot = stream.Snapshots.Values.LastOrDefault(s => snapshotBeforeVersion is null || s.Version < snapshotBeforeVersion);
            var after = snapshot?.Version ?? 0;
            var events = stream.Events.Values.Where(e => e.Version > after).Select(Copy).ToList();
            return ValueTask.FromResult<StoredGame?>(new StoredGame(stream.Header, snapshot is null ? null : Copy(snapshot), events));
        }
    }

    /// <inheritdoc />
    public ValueTask<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var stream = _games.GetOrAdd(request.Header.GameId, static _ => new Stream());
        lock (stream)
        {
            var current = stream.Header?.Version ?? 0;
            if (current != request.ExpectedVersion)
            {
                return ValueTask.FromResult(
                    stream.LastBatchId == request.BatchId && stream.LastBatchExpectedVersion == request.ExpectedVersion
                        ? AppendResult.AlreadyApplied(current)
                        : AppendResult.Conflict(current));
            }

            foreach (var record in request.Events)
            {
                stream.Events[record.Version] = Copy(record);
            }

            if (request.Snapshot is { } snapshot)
            {
                stream.Snapshots[snapshot.Version] = Copy(snapshot);
                if (request.SnapshotsToKeep > 0)
                {
                    PruneLocked(stream, request.SnapshotsToKeep);
                }
            }

            stream.Header = request.Header;
            stream.LastBatchId = request.BatchId;
            stream.LastBatchExpectedVersion = request.ExpectedVersion;
            return ValueTask.FromResult(AppendResult.Appended(request.NewVersion));
        }
    }

    /// <inheritdoc />
    public ValueTask<EventPage> ReadEventsAsync(string gameId, long fromVersion, long toVersion, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        if (!_games.TryGetValue(gameId, out var stream))
        {
            return ValueTask.FromResult(new EventPage([], null, null));
        }

        lock (stream)
        {
            var inRange = stream.Events.Values.Where(e => e.Version >= fromVersion && e.Version <= toVersion).Take(maxCount + 1).ToList();
            var page = inRange.Take(maxCount).Select(Copy).ToList();
            long? next = inRange.Count > maxCount ? page[^1].Version + 1 : null;
            long? first = stream.Events.Count == 0 ? null : stream.Events.Keys[0];
            return ValueTask.FromResult(new EventPage(page, next, first));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<long>> ListSnapshotVersionsAsync(string gameId, CancellationToken cancellationToken = default)
    {
        if (!_games.TryGetValue(gameId, out var stream))
        {
            return ValueTask.FromResult<IReadOnlyList<long>>([]);
        }

        lock (stream)
        {
            return ValueTask.FromResult<IReadOnlyList<long>>([.. stream.Snapshots.Keys]);
        }
    }

    /// <inheritdoc />
    public ValueTask<GamePage> ListGamesAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var headers = _games.Values
            .Select(stream => { lock (stream) { return stream.Header; } })
            .OfType<GameHeader>()
            .Where(header => continuationToken is null || string.CompareOrdinal(header.GameId, continuationToken) > 0)
            .OrderBy(header => header.GameId, StringComparer.Ordinal)
            .Take(pageSize + 1)
            .ToList();
        var page = headers.Take(pageSize).ToList();
        return ValueTask.FromResult(new GamePage(page, headers.Count > pageSize ? page[^1].GameId : null));
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(string gameId, CancellationToken cancellationToken = default)
    {
        if (!_games.TryRemove(gameId, out var stream))
        {
            return ValueTask.FromResult(false);
        }

        lock (stream)
        {
            return ValueTask.FromResult(stream.Header is not null);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> PruneSnapshotsAsync(string gameId, int keep, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        if (!_games.TryGetValue(gameId, out var stream))
        {
            return ValueTask.FromResult(0);
        }

        lock (stream)
        {
            return ValueTask.FromResult(PruneLocked(stream, keep));
        }
    }

    /// <inheritdoc />
    public ValueTask<long> CompactAsync(string gameId, CancellationToken cancellationToken = default)
    {
        if (!_games.TryGetValue(gameId, out var stream))
        {
            return ValueTask.FromResult(0L);
        }

        lock (stream)
        {
            if (stream.Snapshots.Count == 0)
            {
                return ValueTask.FromResult(0L);
            }

            var oldest = stream.Snapshots.Keys[0];
            var doomed = stream.Events.Keys.TakeWhile(version => version <= oldest).ToList();
            doomed.ForEach(version => stream.Events.Remove(version));
            return ValueTask.FromResult((long)doomed.Count);
        }
    }

    /// <inheritdoc />
    public ValueTask<RetentionReport> ApplyRetentionAsync(DateTimeOffset now, RetentionPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        int snapshots = 0, games = 0;
        foreach (var (gameId, stream) in _games)
        {
            lock (stream)
            {
                if (stream.Header is not { } header)
                {
                    continue;
                }

                if (RetentionRules.IsDue(header.FinishedAt, policy.DeleteGameAfter, now))
                {
                    _games.TryRemove(gameId, out _);
                    games++;
                }
                else if (RetentionRules.IsDue(header.FinishedAt, policy.DropSnapshotsAfter, now))
                {
                    long? first = stream.Events.Count == 0 ? null : stream.Events.Keys[0];
                    foreach (var version in RetentionRules.RedundantSnapshots(stream.Snapshots.Keys.ToList(), first, stream.Events.Count, header.Version))
                    {
                        snapshots += stream.Snapshots.Remove(version) ? 1 : 0;
                    }
                }
            }
        }

        return ValueTask.FromResult(new RetentionReport(snapshots, games));
    }

    /// <summary>Flips one bit of a stored event's bytes; lets tests prove corruption is detected.</summary>
    internal void CorruptEvent(string gameId, long version) => _games[gameId].Events[version].Payload.Data[0] ^= 0x01;

    /// <summary>Flips one bit of a stored snapshot's bytes.</summary>
    internal void CorruptSnapshot(string gameId, long version) => _games[gameId].Snapshots[version].Payload.Data[0] ^= 0x01;

    private static EventRecord Copy(EventRecord record) => record with { Payload = Copy(record.Payload) };

    private static SnapshotRecord Copy(SnapshotRecord record) => record with { Payload = Copy(record.Payload) };

    private static EncodedPayload Copy(EncodedPayload payload) => payload with { Data = [.. payload.Data] };

    /// <summary>Deletes all but the newest <paramref name="keep"/> snapshots; the caller holds the stream's lock.</summary>
    private static int PruneLocked(Stream stream, int keep)
    {
        var doomed = stream.Snapshots.Keys.Take(Math.Max(0, stream.Snapshots.Count - keep)).ToList();
        doomed.ForEach(version => stream.Snapshots.Remove(version));
        return doomed.Count;
    }

    private sealed class Stream
    {
        public GameHeader? Header { get; set; }

        public SortedList<long, EventRecord> Events { get; } = [];

        public SortedList<long, SnapshotRecord> Snapshots { get; } = [];

        public Guid LastBatchId { get; set; }

        public long LastBatchExpectedVersion { get; set; } = -1;
    }
}
