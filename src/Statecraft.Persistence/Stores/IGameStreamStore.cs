using Statecraft.Persistence.Records;

namespace Statecraft.Persistence.Stores;

/// <summary>The hot path of one game's stream: load it, append to it, and tidy it after a snapshot.</summary>
public interface IGameStreamStore
{
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

    /// <summary>Deletes all but the newest <paramref name="keep"/> snapshots; returns how many were deleted.</summary>
    ValueTask<int> PruneSnapshotsAsync(string gameId, int keep, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes events at or below the oldest stored snapshot's version: the game still loads from that snapshot, and
    /// time travel works from it on. Returns how many events were deleted (0 without snapshots).
    /// </summary>
    ValueTask<long> CompactAsync(string gameId, CancellationToken cancellationToken = default);
}
