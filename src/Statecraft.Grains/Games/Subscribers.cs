using Statecraft.Abstractions.Grains;

namespace Statecraft.Grains.Games;

/// <summary>Observers of one game, each for one player (or a spectator), dropped when not renewed in time.</summary>
internal sealed class Subscribers(TimeProvider time, TimeSpan expiry)
{
    private readonly Dictionary<IGameObserver, (string? Player, DateTimeOffset ExpiresAt)> _observers = [];

    public int Count => _observers.Count;

    /// <summary>
    /// Adds or renews a subscription; a new one is refused (false) when <paramref name="limit"/> live ones exist already.
    /// Renewals always succeed, so a full game never drops the subscribers it has.
    /// </summary>
    public bool TryAdd(string? player, IGameObserver observer, int limit)
    {
        if (!_observers.ContainsKey(observer) && _observers.Count >= limit && Live().Count >= limit)
        {
            return false;
        }

        _observers[observer] = (player, time.GetUtcNow() + expiry);
        return true;
    }

    public void Remove(IGameObserver observer) => _observers.Remove(observer);

    /// <summary>The live subscriptions; expired ones are removed on the way.</summary>
    public List<(IGameObserver Observer, string? Player)> Live()
    {
        var now = time.GetUtcNow();
        foreach (var expired in _observers.Where(o => o.Value.ExpiresAt <= now).Select(o => o.Key).ToList())
        {
            _observers.Remove(expired);
        }

        return [.. _observers.Select(o => (o.Key, o.Value.Player))];
    }
}
