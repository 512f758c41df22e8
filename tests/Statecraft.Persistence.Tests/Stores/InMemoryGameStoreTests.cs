using Statecraft.Persistence.Stores;
using Statecraft.Persistence.Tests.Contract;

namespace Statecraft.Persistence.Tests.Stores;

public sealed class InMemoryGameStoreTests : GameStoreContract
{
    private readonly InMemoryGameStore _store = new();

    protected override ValueTask<IGameStore> CreateStoreAsync() => ValueTask.FromResult<IGameStore>(_store);

    protected override ValueTask CorruptEventAsync(string gameId, long version)
    {
        _store.CorruptEvent(gameId, version);
        return ValueTask.CompletedTask;
    }

    protected override ValueTask CorruptSnapshotAsync(string gameId, long version)
    {
        _store.CorruptSnapshot(gameId, version);
        return ValueTask.CompletedTask;
    }
}
