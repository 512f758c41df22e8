using Statecraft.Persistence.Records;

namespace Statecraft.Persistence.Stores;

/// <summary>Removing what is no longer wanted: retention of finished games, and deleting one game.</summary>
public interface IGameStoreMaintenance
{
    /// <summary>Deletes the game's events, snapshots and header. False when there was nothing.</summary>
    ValueTask<bool> DeleteAsync(string gameId, CancellationToken cancellationToken = default);

    /// <summary>Applies <paramref name="policy"/> to finished games as of <paramref name="now"/>.</summary>
    ValueTask<RetentionReport> ApplyRetentionAsync(DateTimeOffset now, RetentionPolicy policy, CancellationToken cancellationToken = default);
}
