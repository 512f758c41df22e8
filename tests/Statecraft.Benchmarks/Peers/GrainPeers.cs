using System.Globalization;
using StackExchange.Redis;
using Statecraft.Abstractions.Flags;
using Statecraft.Abstractions.Grains;

namespace Statecraft.Benchmarks.Peers;

/// <summary>
/// Grain-level peers (issue 16): the same recorded Oh Hell games, commands decided by the same engine, called through
/// a grain interface in the same in-process silo on the same Redis; only the durability mechanism differs. Then a
/// fixed-rate window per variant for CPU, allocations and the latency tail, persistence on against off.
/// </summary>
internal static class GrainPeers
{
    public const string StateStorage = "StateStorage";
    public const string LogStorage = "LogStorage";
    public const string GrainStorage = "PeersRedis";
    public const string Ours = "Ours (Hybrid)";
    public const string OursOff = "Ours, persistence off";
    public const string SeparatePrune = "Ours before: prune as a separate call";
    public const string DedicatedThreads = "Ours before: Redis replies on dedicated threads";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = GrainPeersOptions.Parse(args);
        var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        Console.WriteLine($"Command: {options.CommandLine}");
        Console.WriteLine($"Run {run}: store {options.Store}, {options.Rounds} rounds, {options.Workers} workers; fixed rate {options.Rate}/s for {options.Seconds} s over {options.Tables} tables");

        var sqlitePath = Path.Combine(Path.GetTempPath(), $"statecraft-peers-{run}.db");
        var ours = options.Store == "sqlite" ? PeerSilo.Sqlite(sqlitePath) : PeerSilo.Redis(options.Redis, run);
        await using var silo = await PeerSilo.StartAsync(options.Store == "redis" ? options.Redis : null, ours, run);
        // On SQLite there is no Redis to measure; the process's own CPU then includes the store's. INFO is an admin command.
        using var redis = options.Store == "redis" ? await ConnectionMultiplexer.ConnectAsync($"{options.Redis},allowAdmin=true") : null;
        var meter = new ResourceMeter(redis?.GetServer(redis.GetEndPoints()[0]), () => silo.Store.Calls);
        var flags = silo.Grains.GetGrain<IFeatureFlagGrain>(IFeatureFlagGrain.Key);
        var variants = Variants(silo, flags, options.Store == "redis").Where(v => options.Variants.Count == 0 || options.Variants.Contains(v.Tag)).ToList();
        try
        {
            var peers = options.Store == "redis" && !options.FixedRateOnly ? await PeersAsync(options, run, variants, meter) : [];
            var rate = await FixedRateAsync(options, run, variants, meter);
            Reports.Print(options, peers, rate);
        }
        finally
        {
            await flags.Change(new FlagChange { Name = FlagNames.UseStatePersistence, Reset = true, ChangedBy = "benchmark", Reason = "grain-peers ended" });
            if (File.Exists(sqlitePath))
            {
                File.Delete(sqlitePath);
            }
        }

        return 0;
    }

    private static List<Variant> Variants(PeerSilo silo, IFeatureFlagGrain flags, bool withPeers)
    {
        var grains = silo.Grains;
        async Task Persistence(bool on, StoreLever lever = StoreLever.Current)
        {
            silo.Store.Lever = lever;
            await flags.Change(new FlagChange { Name = FlagNames.UseStatePersistence, Enabled = on, ChangedBy = "benchmark", Reason = "grain-peers window" });
            // Three flag refresh intervals: every activation has the new value before the window starts.
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        SendCommand game = (id, command) => grains.GetGrain<IGameGrain>(id).Execute(command);
        List<Variant> variants =
        [
            new(Ours, "ours", game, Durability.Durable, () => Persistence(on: true), Peer: false),
            new(SeparatePrune, "before-prune", game, Durability.Durable, () => Persistence(on: true, StoreLever.SeparatePrune), Peer: false),
            new(OursOff, "off", game, Durability.MemoryOnly, () => Persistence(on: false), Peer: false, SaturationToo: false),
        ];
        if (withPeers)
        {
            variants.AddRange(
            [
                new(DedicatedThreads, "before-threads", game, Durability.Durable, () => Persistence(on: true, StoreLever.DedicatedSocketThreads), Peer: false),
                new("Orleans StateStorage", "state", (id, c) => grains.GetGrain<IStateStoragePeerGrain>(id).Execute(c), Durability.Durable, () => Persistence(on: true), Peer: true),
                new("Orleans LogStorage", "log", (id, c) => grains.GetGrain<ILogStoragePeerGrain>(id).Execute(c), Durability.Durable, () => Persistence(on: true), Peer: true),
                new("IPersistentState per command", "persistent", (id, c) => grains.GetGrain<IPersistentStatePeerGrain>(id).Execute(c), Durability.Durable, () => Persistence(on: true), Peer: true),
            ]);
        }

        return variants;
    }

    private static async Task<List<Measured>> PeersAsync(GrainPeersOptions options, string run, List<Variant> variants, ResourceMeter meter)
    {
        var results = new List<Measured>();
        foreach (var (length, gamesPerWorker) in options.Lengths)
        {
            var recorded = RecordedGames.Create(length, options.Workers * gamesPerWorker);
            var timed = variants.Where(v => v.SaturationToo).ToList();
            for (var round = 0; round < options.Rounds; round++)
            {
                // Rotated each round, so no variant always runs first (cold) or last (after the others' garbage).
                foreach (var variant in timed.Skip(round % timed.Count).Concat(timed.Take(round % timed.Count)))
                {
                    await variant.PrepareAsync();
                    var prefix = $"{run}-{variant.Tag}-{length}-{round}";
                    // Warm-up: one game per worker, untimed, activates the code paths.
                    await LoadDrivers.ClosedLoopAsync(variant.Send, variant.Expected, $"{prefix}-warm", recorded, options.Workers, 1);
                    var before = await meter.ReadAsync();
                    var drive = await LoadDrivers.ClosedLoopAsync(variant.Send, variant.Expected, prefix, recorded, options.Workers, gamesPerWorker);
                    var use = ResourceMeter.Delta(before, await meter.ReadAsync());
                    results.Add(new Measured(variant.Name, length, round, drive, use));
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {variant.Name} @ {length} round {round + 1}: {drive.Commands} commands, {drive.PerSecond:N0}/s, p99 {drive.Percentile(0.99):F2} ms, {drive.Unexpected} unexpected {drive.FirstUnexpected}"));
                }
            }
        }

        return results;
    }

    private static async Task<List<Measured>> FixedRateAsync(GrainPeersOptions options, string run, List<Variant> variants, ResourceMeter meter)
    {
        var recorded = RecordedGames.Create(options.FixedRateLength, 32);
        var results = new List<Measured>();
        // One untimed pass first: the first variant in a fresh process otherwise pays for JIT and tiering.
        foreach (var variant in variants)
        {
            await variant.PrepareAsync();
            await LoadDrivers.FixedRateAsync(variant.Send, variant.Expected, $"{run}-rate-{variant.Tag}-cold", recorded, options.Tables, options.Rate, TimeSpan.FromSeconds(3));
        }

        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var variant in variants.Skip(round % variants.Count).Concat(variants.Take(round % variants.Count)))
            {
                await variant.PrepareAsync();
                var prefix = $"{run}-rate-{variant.Tag}-{round}";
                await LoadDrivers.FixedRateAsync(variant.Send, variant.Expected, $"{prefix}-warm", recorded, options.Tables, options.Rate, TimeSpan.FromSeconds(3));
                var before = await meter.ReadAsync();
                using var breakdown = new LatencyBreakdown();
                var drive = await LoadDrivers.FixedRateAsync(variant.Send, variant.Expected, prefix, recorded, options.Tables, options.Rate, TimeSpan.FromSeconds(options.Seconds));
                var use = ResourceMeter.Delta(before, await meter.ReadAsync());
                results.Add(new Measured(variant.Name, options.FixedRateLength, round, drive, use, breakdown.Summary()));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {variant.Name} @ {options.Rate}/s round {round + 1}: {drive.Commands} commands, p99 {drive.Percentile(0.99):F2} ms, CPU {use.ProcessCpu.TotalMilliseconds * 1000 / drive.Commands:F0} ms/1k, {drive.Unexpected} unexpected {drive.FirstUnexpected}"));
            }
        }

        return results;
    }
}

/// <summary>One way of making a game durable, and how to switch the silo to it.</summary>
internal sealed record Variant(string Name, string Tag, SendCommand Send, Durability Expected, Func<Task> PrepareAsync, bool Peer, bool SaturationToo = true);

/// <summary>One variant's window: what the driver saw and what it cost.</summary>
internal sealed record Measured(string Variant, int Length, int Round, DriveResult Drive, ResourceUse Use, Breakdown? Breakdown = null);
