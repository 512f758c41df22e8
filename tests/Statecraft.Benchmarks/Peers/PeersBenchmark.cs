using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using StackExchange.Redis;
using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Simulation;
using Statecraft.Persistence.Codec;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Redis;

namespace Statecraft.Benchmarks.Peers;

/// <summary>
/// Commits recorded Oh Hell games one command at a time against one real Redis (<c>STATECRAFT_REDIS</c>) through
/// Orleans' StateStorage and LogStorage log-consistency providers (in-process silo, Redis grain storage) and through
/// our <see cref="GameRepository"/> on <see cref="RedisGameStore"/> (default options, called directly, no grain hop).
/// </summary>
internal static class PeersBenchmark
{
    public const string StateStorage = "StateStorage";
    public const string LogStorage = "LogStorage";
    public const string GrainStorage = "PeersRedis";
    private const int Workers = 8;
    private static readonly (int Events, int GamesPerWorker)[] Lengths = [(10, 200), (100, 24), (1_000, 3)];

    public static async Task<int> RunAsync(string[] args)
    {
        _ = args;
        var endpoint = Environment.GetEnvironmentVariable("STATECRAFT_REDIS") ?? "127.0.0.1:6379";
        var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        Console.WriteLine($"Command: STATECRAFT_REDIS={endpoint} dotnet run -c Release --project tests/Statecraft.Benchmarks -- peers");
        Console.WriteLine($"Workers {Workers}; games per worker by length: {string.Join(", ", Lengths.Select(l => $"{l.Events}→{l.GamesPerWorker}"))}; run {run}");

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: 11_411, gatewayPort: 30_411)
            .Configure<ClusterOptions>(o => { o.ClusterId = "peers"; o.ServiceId = $"peers-{run}"; })
            .AddRedisGrainStorage(GrainStorage, o => o.ConfigurationOptions = ConfigurationOptions.Parse(endpoint))
            .AddStateStorageBasedLogConsistencyProvider(StateStorage)
            .AddLogStorageBasedLogConsistencyProvider(LogStorage));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        var options = new PersistenceOptions();
        await using var store = new RedisGameStore(new RedisStoreOptions { ConnectionString = endpoint, KeyPrefix = $"peers-{run}" });
        await store.InitializeAsync();
        var repository = new GameRepository(store, GameCodec.Default, GameDecider.Default, new SnapshotPolicy(options, TimeProvider.System),
            Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<GameRepository>.Instance);

        var providers = new (string Name, Func<string, PreparedGame, Task<List<double>>> Play)[]
        {
            ("Orleans StateStorage", (id, game) => PlayGrainAsync(grains.GetGrain<IStateStoragePeerGrain>(id), game)),
            ("Orleans LogStorage", (id, game) => PlayGrainAsync(grains.GetGrain<ILogStoragePeerGrain>(id), game)),
            ("Ours (Hybrid)", (_, game) => PlayOursAsync(repository, game)),
        };

        var rows = new List<(string Provider, int Length, double PerSecond, double P50, double P99, int Commits)>();
        foreach (var (length, gamesPerWorker) in Lengths)
        {
            var games = Enumerable.Range(0, Workers * gamesPerWorker + Workers).Select(i => PreparedGame.Create($"p{run}-{length}-{i}", length, (ulong)(i + 1))).ToArray();
            foreach (var (name, play) in providers)
            {
                var tag = name.Split(' ')[^1];
                // Warm-up: one game per worker, untimed.
                await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => play($"{tag}-warm-{games[w].GameId}", games[w])));
                var all = new List<double>[Workers];
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, Workers).Select(async w =>
                {
                    all[w] = [];
                    for (var g = 0; g < gamesPerWorker; g++)
                    {
                        var game = games[Workers + w * gamesPerWorker + g];
                        all[w].AddRange(await play($"{tag}-{game.GameId}", game));
                    }
                }));
                clock.Stop();
                var latencies = all.SelectMany(l => l).Order().ToArray();
                rows.Add((name, length, latencies.Length / clock.Elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Length));
                Console.Error.WriteLine($"  {name} @ {length}: {latencies.Length} commits in {clock.Elapsed.TotalSeconds:F1} s");
            }
        }

        Console.WriteLine();
        Console.WriteLine("| Provider | Game length (events) | Commits | Commits/s | p50 (ms) | p99 (ms) | Ours ÷ this (throughput) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var ours = rows.Single(r => r.Length == row.Length && r.Provider.StartsWith("Ours", StringComparison.Ordinal)).PerSecond;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Provider} | {row.Length:N0} | {row.Commits:N0} | {row.PerSecond:N0} | {row.P50:F2} | {row.P99:F2} | {ours / row.PerSecond:F2}× |"));
        }

        Console.WriteLine();
        foreach (var (length, _) in Lengths)
        {
            var sample = PreparedGame.Create("size", length, 1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Length {length}: {sample.Steps.Count} commits, events {sample.Steps.Sum(s => s.Command.Events.Sum(e => Encoding.UTF8.GetByteCount(e)))} B of JSON in all, final state JSON {Encoding.UTF8.GetByteCount(sample.Steps[^1].StateJson)} B"));
        }

        await host.StopAsync();
        return 0;
    }

    private static async Task<List<double>> PlayGrainAsync(IPeerGameGrain grain, PreparedGame game)
    {
        var latencies = new List<double>(game.Steps.Count);
        foreach (var step in game.Steps)
        {
            var started = Stopwatch.GetTimestamp();
            await grain.Commit(step.Command, step.StateJson);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return latencies;
    }

    private static async Task<List<double>> PlayOursAsync(GameRepository repository, PreparedGame game)
    {
        var latencies = new List<double>(game.Steps.Count);
        var position = Statecraft.Persistence.Journal.StreamPosition.New;
        var window = new RecentCommandWindow(1_000, []);
        foreach (var step in game.Steps)
        {
            var started = Stopwatch.GetTimestamp();
            var played = step.Played;
            window.Add(played.Command.CommandId, step.After.Version);
            var commit = new Commit(step.After.GameId, played.Before.Version, [.. played.Events.Select(e => new JournaledEvent(played.Command.CommandId, e))],
                new GameSnapshot(step.After, window.ToArray()), position, step.After.Phase != played.Before.Phase);
            var result = await repository.CommitAsync(commit);
            if (!result.Append.IsDurable)
            {
                throw new InvalidOperationException($"commit at v{played.Before.Version} was {result.Append.Status}");
            }

            position = result.Position;
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return latencies;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    internal sealed record PreparedStep(PlayedStep Played, GameState After, PeerCommand Command, string StateJson);

    /// <summary>
    /// A recorded random 4-player Oh Hell game on a long schedule (rounds of 10 cards, ~56 events each), cut after the
    /// first command that reaches the wanted number of events.
    /// </summary>
    internal sealed record PreparedGame(string GameId, IReadOnlyList<PreparedStep> Steps)
    {
        public static PreparedGame Create(string gameId, int events, ulong seed)
        {
            var rounds = events / 50 + 1;
            var options = GameOptions.Default with
            {
                Settings = ImmutableSortedDictionary<string, string>.Empty.Add("maxPlayers", "4").Add("handSizes", string.Join(",", Enumerable.Repeat("10", rounds))),
            };
            var played = new SelfPlay(GameDecider.Default, seed).Play(gameId, OhHellRules.RulesetId, options,
                ["player-00", "player-01", "player-02", "player-03"], 100_000);
            // Uncompressed, so the grain state is the state's JSON as is (our store's snapshots are compressed above 1 KiB).
            var codec = new GameCodec(TypeCatalog.ForEngine(), new CodecSettings(Compress: false));
            var steps = new List<PreparedStep>();
            var count = 0;
            foreach (var step in played.Steps)
            {
                if (count >= events)
                {
                    break;
                }

                var after = GameDecider.Default.Fold(step.Before, step.Events);
                var version = step.Before.Version;
                var eventJson = step.Events.Select(e => Encoding.UTF8.GetString(codec.EncodeEvent(gameId, ++version, e).Data)).ToArray();
                var stateJson = Encoding.UTF8.GetString(codec.EncodeSnapshot(gameId, after.Version, new GameSnapshot(after, [])).Data);
                steps.Add(new PreparedStep(step, after, new PeerCommand { VersionAfter = after.Version, Events = eventJson }, stateJson));
                count += step.Events.Count;
            }

            return new PreparedGame(gameId, steps);
        }
    }
}
