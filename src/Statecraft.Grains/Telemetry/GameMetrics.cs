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
