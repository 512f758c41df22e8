namespace Statecraft.Persistence.Tests.Contract;

/// <summary>The contract of <see cref="Statecraft.Persistence.Stores.IGameStoreHealth"/>: the store answers.</summary>
public abstract partial class GameStoreContract
{
    [Fact]
    public async Task Ping_succeeds_on_a_reachable_store() => await Store.PingAsync(Ct);
}
