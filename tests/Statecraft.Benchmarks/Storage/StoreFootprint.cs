using System.Globalization;
using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Engine.Simulation;
using Statecraft.Persistence.DynamoDB;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Redis;
using Statecraft.Persistence.Resilience;
using Statecraft.Persistence.Sqlite;
using Statecraft.Persistence.Stores;

namespace Statecraft.Benchmarks.Storage;

/// <summary>
/// What a game costs the store, measured: complete self-played games of each ruleset committed command by command
/// through <see cref="GameSession"/> exactly as a game grain commits them (default persistence options, snapshots on,
/// a final snapshot when the game is deactivated), against a fresh store. Reports commands, events and snapshots per
/// game, store calls per command (appends, snapshot prunes, compactions) and the store's own size growth per game
/// (<see cref="IGameStoreUsage.MeasureUsageAsync"/>: SQLite pages plus WAL, Redis <c>used_memory</c>, DynamoDB Local's table size). The numbers
/// <c>statecraft capacity</c> and docs/capacity-planning.md use.
/// </summary>
internal static class StoreFootprint
{
    public static async Task<int> RunAsync(string[] args)
    {
        var games = args.FirstOrDefault(a => int.TryParse(a, CultureInfo.InvariantCulture, out _)) is { } count ? int.Parse(count, CultureInfo.InvariantCulture) : 200;
        var stores = args.Where(a => !int.TryParse(a, CultureInfo.InvariantCulture, out _)).DefaultIfEmpty("sqlite").ToList();
        Console.WriteLine($"{games} complete games per ruleset and store; default persistence options (preset {new PersistenceOptions().Preset ?? "none"})");
        Console.WriteLine();
        Console.WriteLine("| Store | Ruleset | Commands per game | Events per game | Snapshots written per game | Store calls per command | Appends / prunes / compactions per game | Mean snapshot bytes | Store bytes per game | Store bytes per event |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var name in stores)
        {
            foreach (var (ruleset, players) in new[] { (TicTacToeRules.RulesetId, 2), (OhHellRules.RulesetId, 4) })
            {
                await using var lease = await OpenAsync(name);
                var counting = new CountingStore(lease.Store);
                var options = new PersistenceOptions();
                var repository = Testing.Repositories.For(counting, options);
                using var resilience = new StoreResilience(name, new ResilienceOptions(), writeAttempts: 1);
                var before = (await lease.Store.MeasureUsageAsync()).Bytes;
                long commands = 0, events = 0;
                for (var i = 0; i < games; i++)
                {
                    var gameId = $"footprint-{ruleset}-{i}";
                    lease.Games.Add(gameId);
                    var played = new SelfPlay(GameDecider.Default, (ulong)(i + 1)).Play(gameId, ruleset, GameOptions.Default,
                        [.. Enumerable.Range(0, players).Select(p => $"player-{p}")], 100_000);
                    var session = new GameSession(gameId, repository, resilience, options.RecentCommandWindow);
                    var switches = new JournalSwitches(Persist: true, Snapshots: true);
                    foreach (var step in played.Steps)
                    {
                        var next = GameDecider.Default.Fold(session.State, step.Events);
                        var commit = await session.CommitAsync(new PendingChange(step.Command.CommandId, CommandFingerprint.Of(step.Command), step.Events.AsImmutableArray(), next), switches);
                        if (commit.Status != SessionCommitStatus.Durable)
                        {
                            throw new InvalidOperationException($"{gameId}: commit {commit.Status} {commit.Error?.Message}");
                        }
                    }

                    await session.WriteFinalSnapshotAsync(switches);
                    commands += played.Steps.Count;
                    events += played.Final.Version;
                }

                await lease.CheckpointAsync();
                var after = (await lease.Store.MeasureUsageAsync()).Bytes;
                var bytes = before is { } b && after is { } a ? (a - b) / (double)games : double.NaN;
                var calls = counting.Appends + counting.Prunes + counting.Compactions;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {ruleset} | {commands / (double)games:F1} | {events / (double)games:F1} | {counting.Snapshots / (double)games:F2} | {calls / (double)commands:F3} | {counting.Appends / (double)games:F1} / {counting.Prunes / (double)games:F2} / {counting.Compactions / (double)games:F2} | {counting.SnapshotBytes / (double)counting.Snapshots:F0} | {bytes:F0} | {bytes / (events / (double)games):F0} |"));
            }
        }

        return 0;
    }

    private static async Task<Lease> OpenAsync(string name)
    {
        if (name == "redis")
        {
            // Bytes are the server's used_memory: give the run a Redis server of its own.
            var endpoint = Environment.GetEnvironmentVariable("STATECRAFT_REDIS")
                ?? throw new InvalidOperationException("Set STATECRAFT_REDIS to a Redis endpoint used by nothing else, for example 127.0.0.1:6390.");
            var redis = new RedisGameStore(new RedisStoreOptions { ConnectionString = endpoint, KeyPrefix = $"footprint-{Guid.NewGuid():N}" });
            await redis.InitializeAsync();
            return new Lease(redis, null);
        }

        if (name == "dynamodb")
        {
            // DynamoDB Local reports the table's size live (DynamoDB itself refreshes it about every six hours).
            var serviceUrl = Environment.GetEnvironmentVariable("STATECRAFT_DYNAMODB")
                ?? throw new InvalidOperationException("Set STATECRAFT_DYNAMODB to a DynamoDB Local endpoint, for example http://127.0.0.1:8000.");
            var dynamo = new DynamoDbGameStore(new DynamoDbOptions { ServiceUrl = serviceUrl, Region = "us-east-1", TableName = $"footprint-{Guid.NewGuid():N}" });
            await dynamo.InitializeAsync();
            return new Lease(dynamo, null);
        }

        if (name != "sqlite")
        {
            throw new ArgumentException($"Unknown store '{name}'; use sqlite, redis or dynamodb.", nameof(name));
        }

        var directory = Path.Combine(Path.GetTempPath(), $"statecraft-footprint-{Guid.NewGuid():N}");
        var store = new SqliteGameStore(new SqliteStoreOptions { DataSource = Path.Combine(directory, "footprint.db") });
        await store.InitializeAsync();
        return new Lease(store, directory);
    }

    private sealed class Lease(IGameStore store, string? directory) : IAsyncDisposable
    {
        public IGameStore Store { get; } = store;

        public List<string> Games { get; } = [];

        /// <summary>
        /// Folds SQLite's write-ahead log into the database, so its size is the games' and not the log's (bounded at
        /// about 4 MB whatever the number of games, it would otherwise swell a small run's figure per game).
        /// </summary>
        public async Task CheckpointAsync()
        {
            if (directory is null)
            {
                return;
            }

            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(directory, "footprint.db")};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (Store is RedisGameStore or DynamoDbGameStore)
            {
                foreach (var game in Games)
                {
                    await Store.DeleteAsync(game);
                }
            }

            if (Store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
            else if (Store is IDisposable plain)
            {
                plain.Dispose();
            }

            if (directory is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>Counts the calls a commit makes to the store.</summary>
    private sealed class CountingStore(IGameStore inner) : Testing.DelegatingGameStore(inner)
    {
        public long Appends { get; private set; }

        public long Snapshots { get; private set; }

        public long SnapshotBytes { get; private set; }

        public long Prunes { get; private set; }

        public long Compactions { get; private set; }

        public override ValueTask<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default)
        {
            Appends++;
            Snapshots += request.Snapshot is null ? 0 : 1;
            SnapshotBytes += request.Snapshot?.Payload.Length ?? 0;
            return base.AppendAsync(request, cancellationToken);
        }

        public override ValueTask<int> PruneSnapshotsAsync(string gameId, int keep, CancellationToken cancellationToken = default)
        {
            Prunes++;
            return base.PruneSnapshotsAsync(gameId, keep, cancellationToken);
        }

        public override ValueTask<long> CompactAsync(string gameId, CancellationToken cancellationToken = default)
        {
            Compactions++;
            return base.CompactAsync(gameId, cancellationToken);
        }
    }
}
