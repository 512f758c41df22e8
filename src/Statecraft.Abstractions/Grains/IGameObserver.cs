using Statecraft.Abstractions.Games;

namespace Statecraft.Abstractions.Grains;

/// <summary>
/// Receives one player's view each time their game changes. Delivery is one-way and best effort: after a gap (a
/// version jump) the frontend resyncs with <see cref="IGameGrain.GetView"/>. Subscriptions expire unless renewed.
/// </summary>
[Alias("statecraft.IGameObserver")]
public interface IGameObserver : IGrainObserver
{
    /// <summary>The player's view after a change.</summary>
    [Orleans.Concurrency.OneWay]
    [Alias("ViewChanged")]
    Task ViewChanged(GameView view);
}
