using System.Globalization;

namespace Statecraft.Benchmarks.Peers;

/// <summary>
/// The <c>peers</c> benchmark's arguments: <c>--store redis|sqlite --rounds N --rate R --seconds S --tables T
/// --variants ours,off,before,state,log,persistent --fixed-rate-only</c> (the last two for profiling one variant).
/// </summary>
internal sealed record GrainPeersOptions(string Store, string Redis, int Rounds, int Workers, double Rate, int Seconds, int Tables, string CommandLine)
{
    /// <summary>The variants to run (by tag); empty for all.</summary>
    public IReadOnlySet<string> Variants { get; init; } = new HashSet<string>();

    /// <summary>Skip the saturation runs.</summary>
    public bool FixedRateOnly { get; init; }

    /// <summary>Game lengths in events, with the games each worker plays at that length (about 15,000 commands each).</summary>
    public (int Events, int GamesPerWorker)[] Lengths { get; } = [(10, 200), (100, 24), (1_000, 3)];

    /// <summary>The length of the games played at the fixed rate: long enough that most commands are moves, not set-up.</summary>
    public int FixedRateLength => 100;

    public static GrainPeersOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        int Int(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        var store = Value("--store", "redis");
        if (store is not ("redis" or "sqlite"))
        {
            throw new ArgumentException($"--store must be redis or sqlite, not '{store}'.");
        }

        var redis = Environment.GetEnvironmentVariable("STATECRAFT_REDIS") ?? "127.0.0.1:6379";
        var commandLine = $"STATECRAFT_REDIS={redis} dotnet run -c Release --project tests/Statecraft.Benchmarks -- peers {string.Join(' ', args)}".TrimEnd();
        return new GrainPeersOptions(store, redis, Int("--rounds", 3), Workers: 8, Int("--rate", 500), Int("--seconds", 20), Int("--tables", 50), commandLine)
        {
            Variants = Value("--variants", "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
            FixedRateOnly = args.Contains("--fixed-rate-only"),
        };
    }
}
