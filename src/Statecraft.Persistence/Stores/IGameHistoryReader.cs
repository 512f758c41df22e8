using Statecraft.Persistence.Records;

namespace Statecraft.Persistence.Stores;

/// <summary>Reading a game's stored history piece by piece: time travel, inspection, backups.</summary>
public interface IGameHistoryReader
{
    /// <summary>Events with versions in [<paramref name="fromVersion"/>, <paramref name="toVersion"/>], at most <paramref name="maxCount"/>.</summary>
    ValueTask<EventPage> ReadEventsAsync(string gameId, long fromVersion, long toVersion, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The versions of the game's stored snapshots, oldest first.</summary>
    ValueTask<IReadOnlyList<long>> ListSnapshotVersionsAsync(string gameId, CancellationToken cancellationToken = default);
}
