using System.Diagnostics;
using System.Globalization;
using Statecraft.Engine.Events;
using Statecraft.Persistence.Codec;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Redis;
using Statecraft.Persistence.Sqlite;
using Statecraft.Persistence.Stores;

namespace Statecraft.Benchmarks.Storage;

/// <summary>
/// Grows one game's stream to 100,000+ events in commits of two events, timing every append, and times loads
/// (store read plus decoding of what it returns) at checkpoints. Two modes: Hybrid as <see cref="GameRepository"/>
/// runs it (a snapshot every 100 events, 5 kept, compaction every 1,000) and events-only with nothing ever removed,
/// the worst case for the store's indexes. Store names: memory, sqlite, and redis (the server named by the
/// <c>STATECRAFT_REDIS</c> environment variable, e.g. <c>127.0.0.1:6379</c>; the run's keys are deleted afterwards).
/// </summary>
internal static class StoreGrowth
{
    private const int EventsPerCommit = 2;
    private const int SnapshotEvery = 100;
    private const int SnapshotsToKeep = 5;
    private const int CompactEvery = 1_000;
    private const int Tail = 50;
    private static readonly int[] Checkpoints = [10, 1_000, 10_000, 100_000];

    public static async Task<int> RunAsync(string[] args)
    {
        var stores = args.Length > 0 ? args : ["memory", "sqlite"];
        var game = RealPayloads.Game();
        var events = RealPayloads.Events(game);
        var snapshot = RealPayloads.MidGameSnapshot(game);
        var codec = GameCodec.Default;

        Console.WriteLine($"Record sizes: event median {Median(events.Select((e, i) => (double)codec.EncodeEvent("g", i + 1, e).Length))} B, " +
            $"snapshot {codec.EncodeSnapshot("g", 1, snapshot).Length} B stored");
        Console.WriteLine();
        Console.WriteLine("| Store | Mode | History (events) | Append p50 (µs) | Append p99 (µs) | Append p50 ÷ at 10 | Load p50 (µs) | Records read by load |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var name in stores)
        {
            foreach (var hybrid in new[] { true, false })
            {
                await using var lease = await StoreLease.OpenAsync(name);
                await GrowAsync(lease.Store, "warm-up", 2_000, hybrid, events, snapshot, codec, report: null);
                var rows = new List<string>();
                await GrowAsync(lease.Store, "growth", Checkpoints[^1] + Tail, hybrid, events, snapshot, codec, rows);
                rows.ForEach(row => Console.WriteLine($"| {name} | {(hybrid ? "Hybrid" : "events only")} | {row}"));
            }
        }

        return 0;
    }

    private static async Task GrowAsync(IGameStore store, string gameId, int target, bool hybrid, IReadOnlyList<GameEvent> source, GameSnapshot snapshot, GameCodec codec, List<string>? report)
    {
        var latencies = new List<(long Version, double Micros)>(target / EventsPerCommit);
        long version = 0, lastSnapshot = 0;
        double? baseline = null;
        var checkpoint = 0;
        while (version < target)
        {
            var records = new List<EventRecord>(EventsPerCommit);
            for (var i = 1; i <= EventsPerCommit; i++)
            {
                var v = version + i;
                var e = source[(int)(v % source.Count)];
                records.Add(new EventRecord(v, Guid.NewGuid(), e.At, codec.EncodeEvent(gameId, v, e)));
            }

            var next = version + EventsPerCommit;
            var withSnapshot = hybrid && next - lastSnapshot >= SnapshotEvery;
            var snapshotRecord = withSnapshot ? new SnapshotRecord(next, DateTimeOffset.UtcNow, codec.EncodeSnapshot(gameId, next, snapshot)) : null;
            var request = new AppendRequest(new GameHeader(gameId, "oh-hell", "Playing", next, DateTimeOffset.UtcNow, null), version,
                records, snapshotRecord, BatchId.From(records.Select(r => r.CommandId)));

            var started = Stopwatch.GetTimestamp();
            var result = await store.AppendAsync(request);
            latencies.Add((next, Stopwatch.GetElapsedTime(started).TotalMicroseconds));
            if (result.Status != AppendStatus.Appended)
            {
                throw new InvalidOperationException($"Append at {version} returned {result.Status}.");
            }

            if (withSnapshot)
            {
                await store.PruneSnapshotsAsync(gameId, SnapshotsToKeep);
                if (next / CompactEvery != lastSnapshot / CompactEvery)
                {
                    await store.CompactAsync(gameId);
                }

                lastSnapshot = next;
            }

            version = next;
            if (report is not null && checkpoint < Checkpoints.Length && version >= Checkpoints[checkpoint] + Tail)
            {
                var history = Checkpoints[checkpoint];
                var window = latencies.Where(l => l.Version > history - 100 && l.Version <= history + 100).Select(l => l.Micros).ToList();
                var p50 = Median(window);
                baseline ??= p50;
                var (load, recordsRead) = await MeasureLoadAsync(store, gameId, codec, history >= 10_000 && !hybrid ? 5 : 50);
                report.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{history:N0} | {p50:F1} | {Percentile(window, 0.99):F1} | {p50 / baseline:F2} | {load:F0} | {recordsRead:N0} |"));
                checkpoint++;
            }
        }
    }

    private static async Task<(double Micros, int Records)> MeasureLoadAsync(IGameStore store, string gameId, GameCodec codec, int repetitions)
    {
        var samples = new List<double>();
        var records = 0;
        for (var i = 0; i < repetitions; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var stored = await store.LoadAsync(gameId) ?? throw new InvalidOperationException("The game vanished.");
            if (stored.Snapshot is { } s)
            {
                codec.DecodeSnapshot(gameId, s.Version, s.Payload);
            }

            foreach (var e in stored.Events)
            {
                codec.DecodeEvent(gameId, e.Version, e.Payload);
            }

            samples.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            records = stored.Events.Count + (stored.Snapshot is null ? 0 : 1);
        }

        return (Median(samples), records);
    }

    private static double Median(IEnumerable<double> values) => Percentile([.. values], 0.5);

    private static double Percentile(List<double> values, double quantile)
    {
        values.Sort();
        return values.Count == 0 ? double.NaN : values[Math.Min(values.Count - 1, (int)Math.Floor(quantile * values.Count))];
    }

    /// <summary>A store created for one run and removed afterwards.</summary>
    private sealed class StoreLease : IAsyncDisposable
    {
        private readonly string? _directory;

        private StoreLease(IGameStore store, string? directory)
        {
            Store = store;
            _directory = directory;
        }

        public IGameStore Store { get; }

        public static async Task<StoreLease> OpenAsync(string name)
        {
            if (name == "memory")
            {
                return new StoreLease(new InMemoryGameStore(), null);
            }

            if (name == "redis")
            {
                var endpoint = Environment.GetEnvironmentVariable("STATECRAFT_REDIS")
                    ?? throw new InvalidOperationException("Set STATECRAFT_REDIS to the Redis endpoint to measure, for example 127.0.0.1:6379.");
                var redis = new RedisGameStore(new RedisStoreOptions { ConnectionString = endpoint, KeyPrefix = $"bench-{Guid.NewGuid():N}" });
                await redis.InitializeAsync();
                return new StoreLease(redis, null);
            }

            if (name != "sqlite")
            {
                throw new ArgumentException($"Unknown store '{name}'; use memory, sqlite or redis.", nameof(name));
            }

            var directory = Path.Combine(Path.GetTempPath(), $"statecraft-bench-{Guid.NewGuid():N}");
            var store = new SqliteGameStore(new SqliteStoreOptions { DataSource = Path.Combine(directory, "bench.db") });
            await store.InitializeAsync();
            return new StoreLease(store, directory);
        }

        public async ValueTask DisposeAsync()
        {
            if (Store is RedisGameStore redis)
            {
                // A shared server: leave nothing behind.
                await redis.DeleteAsync("warm-up");
                await redis.DeleteAsync("growth");
            }

            if (Store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }

            if (_directory is not null && Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }
}
