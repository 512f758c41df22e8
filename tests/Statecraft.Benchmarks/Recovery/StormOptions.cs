using System.Globalization;

namespace Statecraft.Benchmarks.Recovery;

/// <summary>The recovery storm's settings, from its command line (<c>--games 10000 --in-flight 2000 …</c>).</summary>
internal sealed record StormOptions
{
    /// <summary>Games recovered at once in the main scenario; a second scenario recovers a third of this.</summary>
    public int Games { get; init; } = 10_000;

    /// <summary>Recover a third of <see cref="Games"/> as a second row (a silo taking over a third of a cluster's games).</summary>
    public bool ThirdRow { get; init; } = true;

    /// <summary>Shortest and longest seeded history, events; lengths are spread uniformly between them.</summary>
    public int MinEvents { get; init; } = 100;

    /// <summary>See <see cref="MinEvents"/>.</summary>
    public int MaxEvents { get; init; } = 1_000;

    /// <summary>Distinct recorded games the seeded ones are cut from.</summary>
    public int Templates { get; init; } = 32;

    /// <summary>Seed of the lengths, the template choice and the recorded games: the same seed, the same store contents.</summary>
    public int Seed { get; init; } = 16;

    /// <summary>Calls the storm's client keeps in flight at most (clients reconnecting after a restart, bounded).</summary>
    public int InFlight { get; init; } = 2_000;

    /// <summary>How long a refused game waits before its client asks again.</summary>
    public TimeSpan RetryPause { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The silo's <c>Statecraft:Resilience:RecoveryQueueTimeout</c>; null keeps the default (10 s). A short one makes the
    /// recovery throttle refuse games, to see the refusals and the clients' retries.
    /// </summary>
    public TimeSpan? QueueTimeout { get; init; }

    /// <summary>Already-active games the side load plays on.</summary>
    public int HotGames { get; init; } = 20;

    /// <summary>Side-load commands per second, across all hot games.</summary>
    public double SideRate { get; init; } = 200;

    /// <summary>How long the side load runs alone, for the baseline.</summary>
    public TimeSpan Baseline { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Leave the seeded games in Redis after the run (they are deleted by default).</summary>
    public bool Keep { get; init; }

    public static StormOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new StormOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Int() => int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
            options = name switch
            {
                "--games" => options with { Games = Int() },
                "--no-third" => options with { ThirdRow = false },
                "--min-events" => options with { MinEvents = Int() },
                "--max-events" => options with { MaxEvents = Int() },
                "--templates" => options with { Templates = Int() },
                "--seed" => options with { Seed = Int() },
                "--in-flight" => options with { InFlight = Int() },
                "--retry-pause-ms" => options with { RetryPause = TimeSpan.FromMilliseconds(Int()) },
                "--queue-timeout-ms" => options with { QueueTimeout = TimeSpan.FromMilliseconds(Int()) },
                "--hot" => options with { HotGames = Int() },
                "--rate" => options with { SideRate = Int() },
                "--baseline-seconds" => options with { Baseline = TimeSpan.FromSeconds(Int()) },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"Unknown option '{name}'. Options: --games N, --no-third, --min-events N, --max-events N, --templates N, --seed N, --in-flight N, --retry-pause-ms N, --queue-timeout-ms N, --hot N, --rate N, --baseline-seconds N, --keep."),
            };
        }

        if (options.Games < 3 || options.MinEvents < 10 || options.MaxEvents < options.MinEvents || options.Templates < 1 || options.InFlight < 1 || options.HotGames < 1 || options.SideRate <= 0)
        {
            throw new ArgumentException("Need --games ≥ 3, 10 ≤ --min-events ≤ --max-events, and positive --templates, --in-flight, --hot and --rate.");
        }

        return options;
    }

    /// <summary>The options as command-line arguments, for the printed command.</summary>
    public string ToArguments() => string.Create(CultureInfo.InvariantCulture,
        $"--games {Games}{(ThirdRow ? "" : " --no-third")} --min-events {MinEvents} --max-events {MaxEvents} --templates {Templates} --seed {Seed} --in-flight {InFlight} --retry-pause-ms {RetryPause.TotalMilliseconds:0}{(QueueTimeout is { } queue ? $" --queue-timeout-ms {queue.TotalMilliseconds:0}" : "")} --hot {HotGames} --rate {SideRate:0} --baseline-seconds {Baseline.TotalSeconds:0}{(Keep ? " --keep" : "")}");
}
