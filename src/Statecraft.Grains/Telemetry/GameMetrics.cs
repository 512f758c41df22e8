using System.Diagnostics;
using System.Diagnostics.Metrics;
using Statecraft.Persistence.Telemetry;

namespace Statecraft.Grains.Telemetry;

/// <summary>Game-level instruments on the shared Statecraft meter.</summary>
internal static class GameMetrics
{
    private static Meter Meter => StatecraftMeter.Instance;

    /// <summary>Commands by ruleset and result (accepted, rejected, replay), durability and rejection code.</summary>
    public static readonly Counter<long> Commands = Meter.CreateCounter<long>(
        "statecraft.commands", description: "Game commands by result.");

    /// <summary>Phase transitions by ruleset, from and to.</summary>
    public static readonly Counter<long> StateTransitions = Meter.CreateCounter<long>(
        "statecraft.state_transitions", description: "Game phase transitions.");

    /// <summary>Time to handle a command, storage included.</summary>
    public static readonly Histogram<double> CommandDuration = Meter.CreateHistogram<double>(
        "statecraft.command.duration", unit: "s", description: "Time to decide and store a command.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    /// <summary>Default moves played by turn timers.</summary>
    public static readonly Counter<long> TimedOutTurns = Meter.CreateCounter<long>(
        "statecraft.turns.timed_out", description: "Turns played by the timer for an idle player.");

    /// <summary>Invariant violations by ruleset, where they were found (commit, recovery) and which invariant.</summary>
    public static readonly Counter<long> InvariantViolations = Meter.CreateCounter<long>(
        "statecraft.invariant_violations", description: "Game states refused because they break an invariant.");

    /// <summary>Calls served by a game already in memory (hit) and activations that loaded a game from the store (miss).</summary>
    public static readonly Counter<long> CacheRequests = Meter.CreateCounter<long>(
        "statecraft.cache.requests", description: "Game calls served from memory (hit) and game activations that loaded from the store (miss).");

    /// <summary>Game activations ended, by reason.</summary>
    public static readonly Counter<long> CacheEvictions = Meter.CreateCounter<long>(
        "statecraft.cache.evictions", description: "Game activations ended, by reason (idle, requested, shutdown, memory_pressure, other).");

    public static void CacheHit() => CacheRequests.Add(1, new KeyValuePair<string, object?>("result", "hit"));

    public static void CacheMiss() => CacheRequests.Add(1, new KeyValuePair<string, object?>("result", "miss"));

    public static void Evicted(DeactivationReasonCode reason) => CacheEvictions.Add(1, new KeyValuePair<string, object?>("reason", EvictionReason(reason)));

    /// <summary>Orleans' reasons folded into a few an operator can act on: requested covers the cache's capacity evictor and <c>statecraft games evict</c>.</summary>
    public static string EvictionReason(DeactivationReasonCode reason) => reason switch
    {
        DeactivationReasonCode.ActivationIdle => "idle",
        DeactivationReasonCode.ApplicationRequested => "requested",
        DeactivationReasonCode.ShuttingDown => "shutdown",
        DeactivationReasonCode.HighMemoryPressure => "memory_pressure",
        _ => "other",
    };

    /// <summary>The label values <see cref="CacheEvictions"/> can take, to create its series at start.</summary>
    public static IReadOnlyList<string> EvictionReasons { get; } = ["idle", "requested", "shutdown", "memory_pressure", "other"];

    public static void RecordCommand(string ruleset, string result, string? durability, string? code, long started)
    {
        var tags = new TagList { { "ruleset", ruleset }, { "result", result } };
        if (durability is not null)
        {
            tags.Add("durability", durability);
        }

        if (code is not null)
        {
            tags.Add("code", code);
        }

        Commands.Add(1, tags);
        CommandDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new TagList { { "ruleset", ruleset }, { "result", result } });
    }
}
