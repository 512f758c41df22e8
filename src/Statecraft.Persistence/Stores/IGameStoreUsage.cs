namespace Statecraft.Persistence.Stores;

/// <summary>The store's size, for capacity planning: sampled in the background and exported as metrics.</summary>
public interface IGameStoreUsage
{
    /// <summary>Measures the store's size. Cheap by contract (no scan of game records); may throw when the store is out.</summary>
    ValueTask<StoreUsage> MeasureUsageAsync(CancellationToken cancellationToken = default);
}
