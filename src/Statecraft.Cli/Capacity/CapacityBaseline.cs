namespace Statecraft.Cli.Capacity;

/// <summary>
/// What one game of a ruleset costs, measured in this repository: commands and events per complete game, snapshots
/// written, store calls per command, and the store's growth per finished game by backend. The source of every figure is
/// docs/benchmarks.md ("Store footprint per game"), with its command; docs/capacity-planning.md explains the formulas.
/// </summary>
/// <param name="Ruleset">The ruleset id.</param>
/// <param name="CommandsPerGame">Commands from create to the end of the game.</param>
/// <param name="EventsPerGame">Events stored per complete game.</param>
/// <param name="SnapshotsPerGame">Snapshots written per game (phase changes, every interval, the final one).</param>
/// <param name="StoreCallsPerCommand">Store round trips per command: appends (a snapshot's pruning rides in its append) plus compactions.</param>
/// <param name="SnapshotBytes">A mid-game snapshot as stored (compressed above 1 KiB), for DynamoDB item sizes.</param>
/// <param name="StoreBytesPerGame">The store's growth per finished game, by backend (sqlite, redis, dynamodb).</param>
internal sealed record RulesetProfile(
    string Ruleset,
    double CommandsPerGame,
    double EventsPerGame,
    double SnapshotsPerGame,
    double StoreCallsPerCommand,
    double SnapshotBytes,
    IReadOnlyDictionary<string, double> StoreBytesPerGame)
{
    public double EventsPerCommand => EventsPerGame / CommandsPerGame;

    public double SnapshotsPerCommand => SnapshotsPerGame / CommandsPerGame;
}

/// <summary>The measured figures the capacity formulas start from; each names the benchmark it comes from.</summary>
internal static class CapacityBaseline
{
    /// <summary>The backends a plan can be made for.</summary>
    public static readonly string[] Stores = ["sqlite", "redis", "dynamodb"];

    /// <summary>
    /// Durable commands per second one silo core sustains: Redis saturation, 2,911/s on 2 cores shared by the silo, Redis
    /// and the load generator (docs/benchmarks.md, "Redis, persistence on vs off") — so per silo core it is conservative.
    /// </summary>
    public const double DurableCommandsPerCore = 2_911 / 2.0;

    /// <summary>
    /// SQLite's measured ceiling on one machine with the silo and the load generator sharing 2 cores
    /// (docs/benchmarks.md, "SQLite (the single-machine default), 1,000 games"); SQLite does not scale out.
    /// </summary>
    public const double SqliteCommandsPerMachine = 1_166;

    /// <summary>
    /// Silo memory (resident set, server GC) per idle live game, at the largest count measured (docs/benchmarks.md,
    /// "Memory per live game"): 1,315 MB more for 82,320 games than for none.
    /// </summary>
    public const double LiveGameBytes = 1_315.0 * 1024 * 1024 / 82_320;

    /// <summary>The per-ruleset profiles (docs/benchmarks.md, "Store footprint per game").</summary>
    public static readonly IReadOnlyList<RulesetProfile> Rulesets =
    [
        new("tictactoe", CommandsPerGame: 11.6, EventsPerGame: 12.6, SnapshotsPerGame: 3.0, StoreCallsPerCommand: 1.0, SnapshotBytes: 630,
            new Dictionary<string, double>(StringComparer.Ordinal) { ["sqlite"] = 5_325, ["redis"] = 8_194, ["dynamodb"] = 6_084 }),
        new("oh-hell", CommandsPerGame: 275.0, EventsPerGame: 342.0, SnapshotsPerGame: 31.0, StoreCallsPerCommand: 1.0, SnapshotBytes: 5_226,
            new Dictionary<string, double>(StringComparer.Ordinal) { ["sqlite"] = 107_438, ["redis"] = 134_127, ["dynamodb"] = 135_247 }),
    ];
}
