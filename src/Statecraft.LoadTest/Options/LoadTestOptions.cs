namespace Statecraft.LoadTest.Options;

/// <summary>What one invocation of the load generator does, as given on the command line.</summary>
internal sealed record LoadTestOptions
{
    /// <summary>Most tables (concurrent games) a run may have.</summary>
    public const int MaxGames = 100_000;

    /// <summary>Highest target rate, in commands per second.</summary>
    public const double MaxRate = 1_000_000;

    /// <summary>Concurrent games; also the most commands in flight, because each table runs one command at a time.</summary>
    public int Games { get; init; } = 100;

    /// <summary>Target commands per second, on a fixed timetable.</summary>
    public double Rate { get; init; } = 500;

    /// <summary>How long the measured part of a run lasts (after the warmup).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the load runs before measuring starts; excluded from the statistics.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Which rulesets the tables play.</summary>
    public RulesetMix Ruleset { get; init; } = RulesetMix.Mixed;

    /// <summary>The silo gateway port on this machine.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>Run the load twice, with state persistence on and then off, and compare.</summary>
    public bool ComparePersistence { get; init; }

    /// <summary>Seeds the bots' move choices and the tables' rulesets, so runs are repeatable.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Show the Orleans client's warnings on standard error.</summary>
    public bool Verbose { get; init; }

    /// <summary>Every problem with these options, worded for the person who typed them; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Games is < 1 or > MaxGames)
        {
            problems.Add($"--games must be 1 to {MaxGames} (was {Games}).");
        }

        if (double.IsNaN(Rate) || Rate <= 0 || Rate > MaxRate)
        {
            problems.Add($"--rate must be more than 0 and at most {MaxRate} commands per second (was {Rate}).");
        }

        if (Duration < TimeSpan.FromSeconds(1))
        {
            problems.Add($"--duration must be at least 1s (was {DurationParser.Format(Duration)}).");
        }

        if (Warmup < TimeSpan.Zero)
        {
            problems.Add($"--warmup must not be negative (was {DurationParser.Format(Warmup)}).");
        }

        if (GatewayPort is < 1 or > 65535)
        {
            problems.Add($"--gateway-port must be 1 to 65535 (was {GatewayPort}).");
        }

        // Below one command per second per run the measured window may hold no command at all.
        if (Rate > 0 && Duration >= TimeSpan.FromSeconds(1) && Rate * Duration.TotalSeconds < 1)
        {
            problems.Add($"--rate {Rate} for --duration {DurationParser.Format(Duration)} schedules no command; raise one of them.");
        }

        return problems;
    }
}
