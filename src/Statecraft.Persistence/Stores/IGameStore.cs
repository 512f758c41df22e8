using Statecraft.Persistence.Records;

namespace Statecraft.Persistence.Stores;

/// <summary>
/// Durable storage of game streams: per game, numbered events (1..n), snapshots of the state at some versions, and a
/// header. Stores move encoded bytes only; decoding, checksums and recovery live above them, so every backend behaves
/// the same. Every implementation must pass the shared contract test suite.
/// </summary>
public interface IGameStore
{
    /// <summary>A short name for logs and metrics, for example <c>sqlite</c>.</summary>
    string Name { get; }

    /// <summary>Creates or migrates whatever the store needs (tables, schema). Safe to call more than once.</summary>
    ValueTask InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Throws when the store cannot be reached; used by readiness checks.</summary>
    ValueTask PingAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads a game in at most two round trips: the header, the newest snapshot (older than
    /// <paramref name="snapshotBeforeVersion"/> when given, so recovery can skip a damaged one) and every event after
    /// that snapshot. Null when the game does not exist.
    /// </summary>
    ValueTask<StoredGame?> LoadAsync(string gameId, long? snapshotBeforeVersion = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the request atomically if the stream is at its expected version; otherwise reports a conflict and writes
    /// nothing. A request whose batch id matches the last batch written at the same expected version is reported as
    /// already applied.
    /// </summary>
    ValueTask<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default);

    /// <summary>Events with versions in [<paramref name="fromVersion"/>, <paramref name="toVersion"/>], at most <paramref name="maxCount"/>.</summary>
    ValueTask<EventPage> ReadEventsAsync(string gameId, long fromVersion, long toVersion, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The versions of the game's stored snapshots, oldest first.</summary>
    ValueTask<IReadOnlyList<long>> ListSnapshotVersionsAsync(string gameId, CancellationToken cancellationToken = default);

    /// <summary>Game headers, at most <paramref name="pageSize"/> per page.</summary>
    ValueTask<GamePage> ListGamesAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Deletes the game's events, snapshots and header. False when there was nothing.</summary>
    ValueTask<bool> DeleteAsync(string gameId, CancellationToken cancellationToken = default);

    /// <summary>Deletes all but the newest <paramref name="keep"/> snapshots; returns how many were deleted.</summary>
    ValueTask<int> PruneSnapshotsAsync(string gameId, int keep, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes events at or below the oldest stored snapshot's version: the game still loads from that snapshot, and
    /// time travel works from it on. Returns how many events were deleted (0 without snapshots).
    /// </summary>
    ValueTask<long> CompactAsync(string gameId, CancellationToken cancellationToken = default);

    /// <summary>Applies <paramref name="policy"/> to finished games as of <paramref name="now"/>.</summary>
    ValueTask<RetentionReport> ApplyRetentionAsync(DateTimeOffset now, RetentionPolicy policy, CancellationToken cancellationToken = default);
}
