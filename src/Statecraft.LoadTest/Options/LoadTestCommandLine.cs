using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Statecraft.LoadTest.Options;

/// <summary>The command line: its options, their help text, and the step from a parse result to <see cref="LoadTestOptions"/>.</summary>
internal sealed class LoadTestCommandLine
{
    private static readonly string[] RulesetNames = ["tictactoe", "oh-hell", "mixed"];
    private static readonly LoadTestOptions Defaults = new();

    /// <summary>Builds the root command; give it an action with <see cref="Command.SetAction(Func{ParseResult, CancellationToken, Task{int}})"/>.</summary>
    public LoadTestCommandLine()
    {
        Games = new Option<int>("--games")
        {
            Description = "Concurrent games (tables). Also the most commands in flight: a command with no idle table is dropped as saturated.",
            DefaultValueFactory = _ => Defaults.Games,
        };
        Rate = new Option<double>("--rate")
        {
            Description = "Target commands per second, sent on a fixed timetable (open loop) whether or not earlier ones finished.",
            DefaultValueFactory = _ => Defaults.Rate,
        };
        Duration = DurationOption("--duration", "How long to measure, after the warmup (30s, 2m, 1m30s, 500ms).", Defaults.Duration);
        Warmup = DurationOption("--warmup", "How long to run before measuring; excluded from the statistics.", Defaults.Warmup);
        Ruleset = new Option<string>("--ruleset")
        {
            Description = "What the tables play: tictactoe, oh-hell, or mixed (half of the tables each).",
            DefaultValueFactory = _ => "mixed",
            HelpName = "tictactoe|oh-hell|mixed",
        };
        Ruleset.AcceptOnlyFromAmong(RulesetNames);
        GatewayPort = new Option<int>("--gateway-port")
        {
            Description = "The silo gateway port on this machine (Statecraft:Client:GatewayPort).",
            DefaultValueFactory = _ => Defaults.GatewayPort,
        };
        ComparePersistence = new Option<bool>("--compare-persistence")
        {
            Description = "Run the load twice, with flag UseStatePersistence on and then off, print both and the OFF/ON ratios. "
                + "The flag's original value is restored afterwards, also on Ctrl-C or failure.",
        };
        Seed = new Option<int>("--seed")
        {
            Description = "Seeds the bots' move choices and the Oh Hell table sizes, so runs are repeatable.",
            DefaultValueFactory = _ => Defaults.Seed,
        };
        Verbose = new Option<bool>("--verbose")
        {
            Description = "Show the Orleans client's warnings on standard error.",
        };

        Root = new RootCommand("Drives open-loop load at a Statecraft cluster through its gateway and reports throughput and latency "
            + "(p50/p95/p99/max, measured from each command's scheduled send time) as a markdown table.")
        {
            Games, Rate, Duration, Warmup, Ruleset, GatewayPort, ComparePersistence, Seed, Verbose,
        };
    }

    /// <summary>The root command.</summary>
    public RootCommand Root { get; }

    /// <summary><c>--games</c>.</summary>
    public Option<int> Games { get; }

    /// <summary><c>--rate</c>.</summary>
    public Option<double> Rate { get; }

    /// <summary><c>--duration</c>.</summary>
    public Option<TimeSpan> Duration { get; }

    /// <summary><c>--warmup</c>.</summary>
    public Option<TimeSpan> Warmup { get; }

    /// <summary><c>--ruleset</c>.</summary>
    public Option<string> Ruleset { get; }

    /// <summary><c>--gateway-port</c>.</summary>
    public Option<int> GatewayPort { get; }

    /// <summary><c>--compare-persistence</c>.</summary>
    public Option<bool> ComparePersistence { get; }

    /// <summary><c>--seed</c>.</summary>
    public Option<int> Seed { get; }

    /// <summary><c>--verbose</c>.</summary>
    public Option<bool> Verbose { get; }

    /// <summary>Parses <paramref name="args"/>.</summary>
    public ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(args);

    /// <summary>
    /// The options of a parse result, or every problem with it: syntax errors (unknown option, not a number) and values
    /// out of range alike, so the caller reports all of them at once.
    /// </summary>
    public (LoadTestOptions? Options, IReadOnlyList<string> Problems) Bind(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Errors.Count > 0)
        {
            return (null, [.. result.Errors.Select(error => error.Message)]);
        }

        var options = new LoadTestOptions
        {
            Games = result.GetValue(Games),
            Rate = result.GetValue(Rate),
            Duration = result.GetValue(Duration),
            Warmup = result.GetValue(Warmup),
            Ruleset = ParseRuleset(result.GetValue(Ruleset)),
            GatewayPort = result.GetValue(GatewayPort),
            ComparePersistence = result.GetValue(ComparePersistence),
            Seed = result.GetValue(Seed),
            Verbose = result.GetValue(Verbose),
        };
        var problems = options.Validate();
        return problems.Count == 0 ? (options, problems) : (null, problems);
    }

    /// <summary>The mix named on the command line (already restricted to the known names).</summary>
    public static RulesetMix ParseRuleset(string? name) => name switch
    {
        "tictactoe" => RulesetMix.TicTacToe,
        "oh-hell" => RulesetMix.OhHell,
        "mixed" or null => RulesetMix.Mixed,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown ruleset mix."),
    };

    private static Option<TimeSpan> DurationOption(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description,
        HelpName = "duration",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseDuration(name, result),
    };

    private static TimeSpan ParseDuration(string name, ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
        if (DurationParser.TryParse(text, out var duration))
        {
            return duration;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} '{text}' is not a duration: use 30s, 500ms, 2m, 1h, 1m30s or 00:01:30."));
        return TimeSpan.Zero;
    }
}
