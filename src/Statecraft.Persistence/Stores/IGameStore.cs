namespace Statecraft.Persistence.Stores;

/// <summary>
/// Durable storage of game streams: per game, numbered events (1..n), snapshots of the state at some versions, and a
/// header. Stores move encoded bytes only; decoding, checksums and recovery live above them, so every backend behaves
/// the same. A backend implements all of it and passes the shared contract suite; each caller depends only on the
/// role it needs:
/// <list type="table">
/// <item><term><see cref="IGameStreamStore"/></term><description>the game grain's path: load a stream, append to it, and the housekeeping after a snapshot.</description></item>
/// <item><term><see cref="IGameHistoryReader"/></term><description>time travel, inspection and backups: events by range, snapshot versions.</description></item>
/// <item><term><see cref="IGameCatalog"/></term><description>listing games: demo resume, operators' tools.</description></item>
/// <item><term><see cref="IGameStoreMaintenance"/></term><description>retention and deletion.</description></item>
/// <item><term><see cref="IGameStoreHealth"/></term><description>start-up and readiness.</description></item>
/// <item><term><see cref="IGameStoreUsage"/></term><description>size and record counts, for capacity metrics.</description></item>
/// </list>
/// </summary>
public interface IGameStore : IGameStreamStore, IGameHistoryReader, IGameCatalog, IGameStoreMaintenance, IGameStoreHealth, IGameStoreUsage;
