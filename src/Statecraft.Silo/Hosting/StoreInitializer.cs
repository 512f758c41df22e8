using Statecraft.Persistence.Stores;

namespace Statecraft.Silo.Hosting;

/// <summary>Creates or migrates the game store's schema at start, before Orleans activates any game.</summary>
internal sealed class StoreInitializer(IGameStoreHealth store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
