using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Statecraft.Persistence.Telemetry;

namespace Statecraft.Grains.Games;

/// <summary>
/// The games active on this silo, their phase and when they were last used: the source of the
/// <c>statecraft.games.active</c> gauge and of cache eviction beyond <c>GameCacheSize</c>.
/// </summary>
public sealed class ActiveGames : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _games = new(StringComparer.Ordinal);
    // Its own meter instance (same name): the gauge reads this silo's games and must go when the silo's services go,
    // which a process-wide meter would not allow when several silos share a process (tests).
    private readonly Meter _meter = new(StatecraftMeter.Name);
    private long _finalSnapshots;

    /// <summary>Creates the tracker and its gauge.</summary>
    public ActiveGames(TimeProvider time)
    {
        Time = time;
        _meter.CreateObservableGauge("statecraft.games.active", Observe, description: "Games active on this silo, by phase.");
    }

    private TimeProvider Time { get; }

    /// <summary>How many games are active here.</summary>
    public int Count => _games.Count;

    /// <summary>Final snapshots written by deactivations on this silo since it started (reported when it stops).</summary>
    public long FinalSnapshotsWritten => Interlocked.Read(ref _finalSnapshots);

    /// <summary>Counts a final snapshot written when a game deactivated.</summary>
    public void RecordFinalSnapshot() => Interlocked.Increment(ref _finalSnapshots);

    /// <summary>Records that <paramref name="gameId"/> is active in <paramref name="phase"/> and was just used.</summary>
    public void Touch(string gameId, string phase) => _games[gameId] = new Entry(phase, Time.GetUtcNow());

    /// <summary>Whether <paramref name="gameId"/> is active here.</summary>
    public bool Contains(string gameId) => _games.ContainsKey(gameId);

    /// <summary>Records that <paramref name="gameId"/> was deactivated.</summary>
    public void Remove(string gameId) => _games.TryRemove(gameId, out _);

    /// <summary>The least recently used games beyond <paramref name="capacity"/>.</summary>
    public IReadOnlyList<string> BeyondCapacity(int capacity)
    {
        var excess = _games.Count - capacity;
        // ToArray takes a consistent snapshot; sorting the live dictionary fails while games come and go.
        return excess <= 0 ? [] : [.. _games.ToArray().OrderBy(g => g.Value.LastUsed).Take(excess).Select(g => g.Key)];
    }

    /// <summary>Active games per phase.</summary>
    public IReadOnlyDictionary<string, int> ByPhase() =>
        _games.ToArray().GroupBy(e => e.Value.Phase, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<int>> Observe() =>
        ByPhase().Select(p => new Measurement<int>(p.Value, new KeyValuePair<string, object?>("phase", p.Key)));

    private readonly record struct Entry(string Phase, DateTimeOffset LastUsed);
}
