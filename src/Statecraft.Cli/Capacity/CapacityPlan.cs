namespace Statecraft.Cli.Capacity;

/// <summary>What a deployment must carry.</summary>
/// <param name="Games">Concurrent live games (in silo memory at once).</param>
/// <param name="CommandsPerSecond">Commands per second across the cluster at peak.</param>
/// <param name="Store">The backend: sqlite, redis or dynamodb.</param>
/// <param name="Profile">The ruleset's measured profile.</param>
/// <param name="Headroom">The share of each resource kept free (0.5: plan to use half).</param>
/// <param name="SiloCores">Cores per silo.</param>
/// <param name="SiloMemoryBytes">Memory per silo.</param>
/// <param name="RetentionDays">How many days of finished games the store keeps.</param>
internal sealed record CapacityPlan(
    long Games,
    double CommandsPerSecond,
    string Store,
    RulesetProfile Profile,
    double Headroom,
    int SiloCores,
    long SiloMemoryBytes,
    int RetentionDays)
{
    /// <summary>The fewest silos that survive losing one (Orleans needs a majority to vote a silo dead).</summary>
    public const int MinimumClusteredSilos = 3;

    private const double SecondsPerDay = 86_400;

    /// <summary>DynamoDB charges a transactional write 2 write units per started KiB of each item written.</summary>
    private const double TransactionalWriteUnitsPerKiB = 2;

    /// <summary>Applies the formulas of docs/capacity-planning.md.</summary>
    public CapacityEstimate Estimate()
    {
        var usable = 1 - Headroom;
        var eventsPerSecond = CommandsPerSecond * Profile.EventsPerCommand;
        var gamesPerDay = CommandsPerSecond * SecondsPerDay / Profile.CommandsPerGame;
        var bytesPerDay = gamesPerDay * Profile.StoreBytesPerGame[Store];
        var retained = bytesPerDay * RetentionDays;
        var liveBytes = Games * CapacityBaseline.LiveGameBytes;

        var siloRate = CapacityBaseline.DurableCommandsPerCore * SiloCores;
        var forCpu = (int)Math.Ceiling(CommandsPerSecond / (siloRate * usable));
        var forMemory = (int)Math.Ceiling(liveBytes / (SiloMemoryBytes * usable));
        var notes = new List<string>();
        int silos;
        if (Store == "sqlite")
        {
            silos = 1;
            if (CommandsPerSecond > CapacityBaseline.SqliteCommandsPerMachine * usable || forMemory > 1)
            {
                notes.Add($"SQLite runs on one machine (measured ceiling {CapacityBaseline.SqliteCommandsPerMachine:N0} commands/s); this load needs a clustered store: --store redis or dynamodb.");
            }
        }
        else
        {
            silos = Math.Max(MinimumClusteredSilos, Math.Max(forCpu, forMemory));
            // One silo may fail: the others must still carry the load.
            if (silos - 1 < Math.Max(forCpu, forMemory))
            {
                silos++;
            }
        }

        // Each event and the header are one item each; a snapshot is split into 1 KiB-ish parts only when large.
        double? writeUnits = Store == "dynamodb"
            ? CommandsPerSecond * TransactionalWriteUnitsPerKiB * (1 + Profile.EventsPerCommand + Profile.SnapshotsPerCommand * Math.Ceiling(Profile.SnapshotBytes / 1024))
            : null;
        double? redisMemory = Store == "redis" ? retained / usable : null;
        return new CapacityEstimate(
            Profile.Ruleset, Store, Games, CommandsPerSecond, Headroom,
            EventsPerSecond: eventsPerSecond,
            StoreCallsPerSecond: CommandsPerSecond * Profile.StoreCallsPerCommand,
            GamesFinishedPerDay: gamesPerDay,
            StorageBytesPerDay: bytesPerDay,
            RetentionDays: RetentionDays,
            StorageBytesRetained: retained,
            LiveGameMemoryBytes: liveBytes,
            SilosForCpu: forCpu,
            SilosForMemory: forMemory,
            Silos: silos,
            RedisMaxMemoryBytes: redisMemory,
            DynamoDbWriteUnitsPerSecond: writeUnits,
            Notes: notes);
    }
}

/// <summary>What <see cref="CapacityPlan.Estimate"/> works out.</summary>
internal sealed record CapacityEstimate(
    string Ruleset,
    string Store,
    long Games,
    double CommandsPerSecond,
    double Headroom,
    double EventsPerSecond,
    double StoreCallsPerSecond,
    double GamesFinishedPerDay,
    double StorageBytesPerDay,
    int RetentionDays,
    double StorageBytesRetained,
    double LiveGameMemoryBytes,
    int SilosForCpu,
    int SilosForMemory,
    int Silos,
    double? RedisMaxMemoryBytes,
    double? DynamoDbWriteUnitsPerSecond,
    IReadOnlyList<string> Notes);
