using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Redis;

namespace Statecraft.Benchmarks.Recovery;

/// <summary>
/// A recovery storm against a real Redis (<c>STATECRAFT_REDIS</c>, a server used by nothing else): N games with
/// histories of 100–1,000 events are seeded into our Redis game store as a silo would have left them, then a freshly
/// started silo — no game active, as after a restart — is asked for every one of them at once. Measured: how long until
/// every game answered, refusals by the recovery throttle and their retries, store calls and Redis commands per
/// recovery, the Redis server's and the process's CPU, and the latency of commands on other, already-active games
/// meanwhile, against the same side load without a storm. A second row recovers a third as many games on the same silo
/// (which then already holds the first storm's games): a silo taking over a third of a cluster.
/// </summary>
internal static class RecoveryStorm
{
    private const int SeedingConcurrency = 16;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = StormOptions.Parse(args);
        var endpoint = Environment.GetEnvironmentVariable("STATECRAFT_REDIS")
            ?? throw new InvalidOperationException("Set STATECRAFT_REDIS to a Redis endpoint used by nothing else, for example 127.0.0.1:6390.");
        var keyPrefix = $"storm-{DateTime.UtcNow:yyyyMMddHHmmss}";
        // The silo ships with server GC (the Web SDK's default); this program runs with it only when asked.
        var gc = System.Runtime.GCSettings.IsServerGC ? "DOTNET_gcServer=1 " : "";
        Console.WriteLine($"Command: {gc}STATECRAFT_REDIS={endpoint} dotnet run -c Release --project tests/Statecraft.Benchmarks -- recovery-storm {options.ToArguments()}");
        Console.WriteLine($"Key prefix {keyPrefix}; {Environment.ProcessorCount} cores; {(gc.Length > 0 ? "server GC, as the silo ships" : "workstation GC (the silo ships with server GC: set DOTNET_gcServer=1)")}");

        var templates = await RecordTemplatesAsync(options);
        var random = new Random(options.Seed);
        var main = GameSeeder.Plan("a", options.Games, templates, options.MinEvents, options.MaxEvents, random);
        var third = options.ThirdRow ? GameSeeder.Plan("b", options.Games / 3, templates, options.MinEvents, options.MaxEvents, random) : [];

        await using var seedStore = new RedisGameStore(new RedisStoreOptions { ConnectionString = endpoint, KeyPrefix = keyPrefix });
        await seedStore.InitializeAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(endpoint);
        try
        {
            var seeded = await new GameSeeder(seedStore, new PersistenceOptions()).SeedAsync([.. main, .. third], SeedingConcurrency);
            var memory = (await RedisServerStats.ReadAsync(redis.GetDatabase())).UsedMemory;
            Console.WriteLine(Format($"Seeded {seeded.Games:N0} games in {seeded.Elapsed.TotalSeconds:F1} s (not measured): {seeded.Events:N0} events, {seeded.Snapshots:N0} snapshots, {seeded.Appends:N0} appends, {seeded.Compactions:N0} compactions; Redis used_memory {memory / 1048576.0:N0} MiB"));
            if (!await CheckSeedingAsync(seedStore, main))
            {
                return 1;
            }

            await MeasureAsync(endpoint, keyPrefix, options, redis.GetDatabase(), main, third);
            return 0;
        }
        finally
        {
            if (!options.Keep)
            {
                await Parallel.ForEachAsync(main.Concat(third).Select(g => g.GameId).Concat(SideLoad.GameIds(options.HotGames)),
                    new ParallelOptions { MaxDegreeOfParallelism = SeedingConcurrency }, async (gameId, token) => await seedStore.DeleteAsync(gameId, token));
            }
        }
    }

    /// <summary>Compares the first, the longest and the shortest seeded game with the real commit path's result: a shortcut would show at either end of the range.</summary>
    private static async Task<bool> CheckSeedingAsync(RedisGameStore store, IReadOnlyList<SeedPlan> games)
    {
        foreach (var plan in new[] { games[0], games.MaxBy(p => p.Version)!, games.MinBy(p => p.Version)! })
        {
            var check = await SeedCheck.RunAsync(store, plan);
            Console.WriteLine(Format($"Seed check: {(check.Faithful ? "faithful" : "NOT FAITHFUL")} — {check.Detail}; playing and committing it afresh under its id took {check.Reference.TotalMilliseconds:F0} ms"));
            if (!check.Faithful)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Starts the silo and the side load, then measures the side load alone and each storm in turn.</summary>
    private static async Task MeasureAsync(string endpoint, string keyPrefix, StormOptions options, IDatabase redis, IReadOnlyList<SeedPlan> main, IReadOnlyList<SeedPlan> third)
    {
        var silo = await StormSilo.StartAsync(endpoint, keyPrefix, gameCacheSize: main.Count + third.Count + options.HotGames + 1_000, options.QueueTimeout);
        try
        {
            var side = await SideLoad.StartAsync(silo.Grains, options.HotGames, options.Seed);
            // Unmeasured: the side load's code paths reach the JIT's optimized tier before the baseline is taken.
            Console.Error.WriteLine("Silo up, hot games started; side load warming up …");
            await StormPhase.RunAsync("Warm-up", silo, side, redis, options, [], TimeSpan.FromSeconds(3));
            Console.Error.WriteLine("Side load alone …");
            var baseline = await StormPhase.RunAsync("Side load alone", silo, side, redis, options, [], options.Baseline);
            var storms = new List<StormPhase>();
            foreach (var (name, games) in new[] { ("Restart: all games", main), ("A third more, on the same silo", third) }.Where(s => s.Item2.Count > 0))
            {
                Console.Error.WriteLine($"Storm: {name}, {games.Count:N0} games …");
                storms.Add(await StormPhase.RunAsync(name, silo, side, redis, options, games, TimeSpan.Zero));
            }

            StormReport.Print(baseline, storms);
            if (side.AnyOver)
            {
                Console.WriteLine("Note: a hot game ended during the run, so the side load ran below its rate for a while.");
            }
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    /// <summary>The recorded games seeded games are cut from, each long enough for the longest cut.</summary>
    private static async Task<IReadOnlyList<TemplateGame>> RecordTemplatesAsync(StormOptions options)
    {
        // About 56 events a 10-card round for 4 players: two rounds to spare.
        var rounds = Math.Min(30, options.MaxEvents / 50 + 2);
        var started = Stopwatch.GetTimestamp();
        var templates = new List<TemplateGame>();
        for (var i = 0; i < options.Templates; i++)
        {
            templates.Add(await TemplateGame.RecordAsync((ulong)(options.Seed * 1_000 + i + 1), rounds, options.MaxEvents));
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine(Format($"Recorded {templates.Count} template games ({rounds} rounds of 10 cards, {templates.Average(t => t.Events.Count):F0} events, {templates.Average(t => t.Snapshots.Count):F0} snapshots each) in {elapsed.TotalSeconds:F1} s: {elapsed.TotalMilliseconds / templates.Count:F0} ms a game"));
        return templates;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
