using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;

namespace Statecraft.Grains.Games;

/// <summary>Live updates: each subscribed observer gets its player's view after every change.</summary>
public sealed partial class GameGrain
{
    /// <inheritdoc />
    public Task Subscribe(string playerId, IGameObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        // A spectator subscribes with no player; the wire carries it as an empty string (the client's GameSubscription
        // sends one for null), and a spectator is sent the spectator's view, with every hand hidden.
        var viewer = string.IsNullOrEmpty(playerId) ? null : playerId;
        ThrowIfRefused(viewer);
        if (!_subscribers.TryAdd(viewer, observer, GameLimits.MaxSubscriptionsPerGame))
        {
            throw new GameRequestRefusedException(new Rejection(RejectionCode.TooManySubscriptions,
                $"Game '{GameId}' already has {GameLimits.MaxSubscriptionsPerGame} live subscriptions; unsubscribe or let one expire first."));
        }

        Touch();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Unsubscribe(IGameObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _subscribers.Remove(observer);
        return Task.CompletedTask;
    }

    private void Notify()
    {
        foreach (var (observer, player) in _subscribers.Live())
        {
            // One-way: a slow or vanished frontend never holds up the game; it resyncs by version after a gap.
            _ = observer.ViewChanged(_decider.ViewFor(Game, player));
        }
    }
}
