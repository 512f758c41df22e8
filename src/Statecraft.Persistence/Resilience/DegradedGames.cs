using System.Collections.Concurrent;
using Statecraft.Persistence.Telemetry;

namespace Statecraft.Persistence.Resilience;

/// <summary>
/// The games of one silo running in memory only because the store is out (Degrade mode), bounded so an outage cannot
/// grow the silo's memory without limit. Thread-safe.
/// </summary>
public sealed class DegradedGames : IDisposable
{
    private readonly ConcurrentDictionary<string, byte> _games = new(StringComparer.Ordinal);
    private readonly Lock _admission = new();

    /// <summary>Creates the registry.</summary>
    /// <param name="capacity">The most games that may be degraded at once.</param>
    public DegradedGames(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        ResilienceMetrics.Register(this);
    }

    /// <summary>The most games that may be degraded at once.</summary>
    public int Capacity { get; }

    /// <summary>How many games are degraded now.</summary>
    public int Count => _games.Count;

    /// <summary>Admits <paramref name="gameId"/> (true when it already is degraded), unless the registry is full.</summary>
    public bool TryEnter(string gameId)
    {
        if (_games.ContainsKey(gameId))
        {
            return true;
        }

        lock (_admission)
        {
            // Admission is serialized so the bound holds exactly; leaving needs no lock.
            return _games.ContainsKey(gameId) || (_games.Count < Capacity && _games.TryAdd(gameId, 0));
        }
    }

    /// <summary>The game is level with the store again (or gone).</summary>
    public void Leave(string gameId) => _games.TryRemove(gameId, out _);

    /// <summary>Unregisters from the metrics.</summary>
    public void Dispose() => ResilienceMetrics.Unregister(this);
}
