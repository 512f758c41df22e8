using System.Collections.Concurrent;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace Statecraft.Benchmarks.Recovery;

/// <summary>
/// Counts the requests a Redis connection sends, per group of games, with StackExchange.Redis' profiling: a command
/// issued during a game store call is counted for that game's group (<see cref="CountingGameStore.CurrentGroup"/>),
/// so follow-up commands the store contract does not show (an index repair after a load) count too. Client-side and
/// exact, where the server's own counters also count the commands run inside each script and cannot tell games apart.
/// </summary>
internal sealed class RedisRoundTrips
{
    private readonly ConcurrentDictionary<string, ProfilingSession> _sessions = new(StringComparer.Ordinal);

    public RedisRoundTrips(IConnectionMultiplexer connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.RegisterProfiler(() => _sessions.GetOrAdd(CountingGameStore.CurrentGroup ?? "other", _ => new ProfilingSession()));
    }

    /// <summary>The requests sent since the last collection, by group and command; counting starts afresh.</summary>
    public IReadOnlyDictionary<(string Group, string Command), long> Collect() =>
        _sessions.SelectMany(s => s.Value.FinishProfiling().Select(command => (Group: s.Key, command.Command)))
            .GroupBy(c => c)
            .ToDictionary(g => g.Key, g => (long)g.Count());
}
