using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Statecraft.Engine.Core;
using Statecraft.Persistence.Stores;
using Statecraft.Testing;

namespace Statecraft.Cli.Tests;

/// <summary>
/// Backups through the real command line against real stores: SQLite → file → an empty Redis and an empty DynamoDB
/// Local, every game equal record for record and state for state; damaged, cut, wrong-key and unknown-format files
/// restore nothing; restores are conditional per game.
/// </summary>
public sealed class BackupTests : IAsyncDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("statecraft-backup-tests-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            await session.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    /// <summary><c>STATECRAFT_BACKUP_GAMES</c>, 10,000 by default: the size the round trip is checked at (and measured at for docs/benchmarks.md).</summary>
    private static int RoundTripGames => int.TryParse(Environment.GetEnvironmentVariable("STATECRAFT_BACKUP_GAMES"), CultureInfo.InvariantCulture, out var games) ? games : 10_000;

    [Fact]
    public async Task Ten_thousand_games_round_trip_from_sqlite_into_empty_redis_and_dynamodb_local_record_for_record()
    {
        var source = await SqliteStoreAsync("source.db");
        var ids = await StoreFiller.FillAsync(source.Store, "bk", RoundTripGames, Ct);
        var created = await Cli("backup", "create", "--store", source.Address, "--out", Path.Combine(_folder.FullName, "backups"), "--json");
        var path = created.Json.GetProperty("path").GetString()!;
        Assert.Equal(ids.Count, created.Json.GetProperty("manifest").GetProperty("games").GetInt32());
        Assert.Equal(0, (await Cli("backup", "validate", path)).ExitCode);

        await using var redis = await RedisServer.StartAsync(Ct);
        var toRedis = await Cli("backup", "restore", path, "--store", $"redis://{redis.ConnectionString}", "--json");
        Assert.Equal(ids.Count, toRedis.Json.GetProperty("counts").GetProperty("created").GetInt32());

        await using var dynamo = new DynamoDbLocal();
        await dynamo.InitializeAsync();
        var table = DynamoDbLocal.UniqueTableName("backup");
        var dynamoAddress = $"dynamodb://{table}?serviceUrl={Uri.EscapeDataString(dynamo.ServiceUrl)}&region={DynamoDbLocal.Region}";
        var toDynamo = await Cli("backup", "restore", path, "--store", dynamoAddress, "--json");
        Assert.Equal(ids.Count, toDynamo.Json.GetProperty("counts").GetProperty("created").GetInt32());

        // Backups read every backend through the same contract: back up the two copies again, same games.
        var fromRedisBackup = await Cli("backup", "create", "--store", $"redis://{redis.ConnectionString}", "--out", Path.Combine(_folder.FullName, "from-redis"), "--json");
        var fromDynamoBackup = await Cli("backup", "create", "--store", dynamoAddress, "--out", Path.Combine(_folder.FullName, "from-dynamodb"), "--json");
        Assert.Equal(ids.Count, fromRedisBackup.Json.GetProperty("manifest").GetProperty("games").GetInt32());
        Assert.Equal(ids.Count, fromDynamoBackup.Json.GetProperty("manifest").GetProperty("games").GetInt32());
        Assert.Equal(created.Json.GetProperty("manifest").GetProperty("events").GetInt64(), fromDynamoBackup.Json.GetProperty("manifest").GetProperty("events").GetInt64());

        Bench($"backup of {ids.Count} games from SQLite: {Seconds(created)} s, {created.Json.GetProperty("manifest").GetProperty("bytes").GetInt64()} bytes " +
            $"({created.Json.GetProperty("manifest").GetProperty("uncompressedBytes").GetInt64()} uncompressed, SQLite file {new FileInfo(source.Path).Length} bytes); " +
            $"restore into Redis {Seconds(toRedis)} s, into DynamoDB Local {Seconds(toDynamo)} s; backup from Redis {Seconds(fromRedisBackup)} s, from DynamoDB Local {Seconds(fromDynamoBackup)} s");

        await using var fromRedis = await OpenAsync($"redis://{redis.ConnectionString}");
        await using var fromDynamo = await OpenAsync(dynamoAddress);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (gameId, _) =>
        {
            var original = await Fingerprint(source.Store, gameId);
            Assert.Equal(original, await Fingerprint(fromRedis.Store, gameId));
            Assert.Equal(original, await Fingerprint(fromDynamo.Store, gameId));
        });
    }

    [Fact]
    public async Task An_encrypted_backup_needs_its_key_and_a_damaged_cut_or_unknown_one_restores_nothing()
    {
        var source = await SqliteStoreAsync("source.db");
        await StoreFiller.FillAsync(source.Store, "enc", 40, Ct);
        var keyFile = Path.Combine(_folder.FullName, "backup.key");
        await File.WriteAllBytesAsync(keyFile, RandomNumberGenerator.GetBytes(32), Ct);
        var wrongKey = Path.Combine(_folder.FullName, "wrong.key");
        await File.WriteAllTextAsync(wrongKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Ct);
        var path = (await Cli("backup", "create", "--store", source.Address, "--out", _folder.FullName, "--encrypt-key-file", keyFile, "--json")).Json.GetProperty("path").GetString()!;
        var target = $"sqlite:{Path.Combine(_folder.FullName, "target.db")}";

        Assert.Equal(0, (await Cli("backup", "validate", path, "--key-file", keyFile)).ExitCode);
        await AssertRejectedAsync(path, target, "is encrypted");
        await AssertRejectedAsync(path, target, "cannot be decrypted", "--key-file", wrongKey);

        var bytes = await File.ReadAllBytesAsync(path, Ct);
        foreach (var (name, damaged, expected, keepSidecar) in new (string, byte[], string, bool)[]
        {
            ("flipped.scbak", Flip(bytes, bytes.Length / 2), "does not match the SHA-256", true),
            ("flipped-no-sidecar.scbak", Flip(bytes, bytes.Length / 2), "cannot be decrypted", false),
            ("cut.scbak", bytes[..(bytes.Length - 40)], "cannot be decrypted", false),
            ("future.scbak", WithVersion(bytes, 9), "format version 9", false),
        })
        {
            var copy = Path.Combine(_folder.FullName, name);
            await File.WriteAllBytesAsync(copy, damaged, Ct);
            if (keepSidecar)
            {
                File.Copy(path + ".manifest.json", copy + ".manifest.json");
            }

            await AssertRejectedAsync(copy, target, expected, "--key-file", keyFile);
        }
    }

    [Fact]
    public async Task A_restore_is_conditional_per_game_and_a_dry_run_changes_nothing()
    {
        var source = await SqliteStoreAsync("source.db");
        var ids = await StoreFiller.FillAsync(source.Store, "cond", 12, Ct);
        var path = (await Cli("backup", "create", "--store", source.Address, "--out", _folder.FullName, "--json")).Json.GetProperty("path").GetString()!;
        var target = await SqliteStoreAsync("target.db");
        // The target already holds game 0 at a later version than the backup, and game 1 at the same one.
        var newer = await source.Store.LoadAsync(ids[0], cancellationToken: Ct);
        await Cli("backup", "restore", path, "--store", target.Address, "--games", $"{ids[0]},{ids[1]}");
        await AppendOneMoreAsync(target.Store, ids[0]);

        var dryRun = await Cli("backup", "restore", path, "--store", target.Address, "--dry-run", "--json");
        Assert.Equal(0, dryRun.ExitCode);
        Assert.Equal(ids.Count - 2, dryRun.Json.GetProperty("counts").GetProperty("created").GetInt32());
        Assert.Equal(2, (await ListAsync(target.Store)).Count);

        var restore = await Cli("backup", "restore", path, "--store", target.Address, "--json");
        var outcomes = restore.Json.GetProperty("games").EnumerateArray().ToDictionary(g => g.GetProperty("gameId").GetString()!, g => g.GetProperty("outcome").GetString()!);
        Assert.StartsWith("skipped: newer", outcomes[ids[0]], StringComparison.Ordinal);
        Assert.StartsWith("skipped: already", outcomes[ids[1]], StringComparison.Ordinal);
        Assert.Equal(newer!.Version + 1, (await target.Store.LoadAsync(ids[0], cancellationToken: Ct))!.Version);

        var refused = await Cli("backup", "restore", path, "--store", target.Address, "--games", ids[0], "--overwrite-newer");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--cluster-stopped", refused.Output, StringComparison.Ordinal);

        var overwritten = await Cli("backup", "restore", path, "--store", target.Address, "--games", ids[0], "--overwrite-newer", "--cluster-stopped");
        Assert.True(overwritten.ExitCode == 0, overwritten.ToString());
        Assert.Equal(await Fingerprint(source.Store, ids[0]), await Fingerprint(target.Store, ids[0]));
    }

    [Fact]
    public async Task Migrate_copies_every_game_between_backends_and_list_and_prune_keep_the_folder_tidy()
    {
        var source = await SqliteStoreAsync("source.db");
        var ids = await StoreFiller.FillAsync(source.Store, "mig", 30, Ct);
        await using var redis = await RedisServer.StartAsync(Ct);

        var migrated = await Cli("migrate", "--from", source.Address, "--to", $"redis://{redis.ConnectionString}", "--json");
        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        Assert.Equal(ids.Count, migrated.Json.GetProperty("counts").GetProperty("Created").GetInt32());
        await using var target = await OpenAsync($"redis://{redis.ConnectionString}");
        foreach (var gameId in ids)
        {
            Assert.Equal(await Fingerprint(source.Store, gameId), await Fingerprint(target.Store, gameId));
        }

        var again = await Cli("migrate", "--from", source.Address, "--to", $"redis://{redis.ConnectionString}", "--json");
        Assert.Equal(ids.Count, again.Json.GetProperty("counts").GetProperty("SkippedSame").GetInt32());

        var backups = Path.Combine(_folder.FullName, "kept");
        await Cli("backup", "create", "--store", source.Address, "--out", backups);
        var listed = await Cli("backup", "list", backups, "--json");
        Assert.Single(listed.Json.EnumerateArray());
        Assert.Equal(0, (await Cli("backup", "prune", backups, "--keep-days", "30")).ExitCode);
        Assert.Single((await Cli("backup", "list", backups, "--json")).Json.EnumerateArray());
    }

    private static async Task AssertRejectedAsync(string path, string target, string expected, params string[] key)
    {
        var validate = await Cli(["backup", "validate", path, .. key]);
        Assert.True(validate.ExitCode == 1 && validate.Error.Contains(expected, StringComparison.Ordinal), $"{path}: {validate}");
        var restore = await Cli(["backup", "restore", path, "--store", target, .. key]);
        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("nothing restored", restore.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(target["sqlite:".Length..]), "a rejected backup created the target store");
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        copy[at] ^= 0x40;
        return copy;
    }

    private static byte[] WithVersion(byte[] bytes, byte version)
    {
        var copy = bytes.ToArray();
        copy[4] = version;
        return copy;
    }

    /// <summary>Every record and the rebuilt state, as one string: equal only if the game is the same record for record and state for state.</summary>
    private static async Task<string> Fingerprint(IGameStore store, string gameId)
    {
        var game = await Backups.GameArchiver.ReadAsync(store, gameId, Ct);
        Assert.NotNull(game);
        var repository = Repositories.For(store);
        var state = (await repository.LoadAsync(gameId, Ct))!.Snapshot.State;
        var view = GameDecider.Default.ViewFor(state, null);
        return Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(game, Backups.BackupFormat.Json))) + "|" + JsonSerializer.Serialize(view);
    }

    private static async Task AppendOneMoreAsync(IGameStore store, string gameId)
    {
        var game = (await Backups.GameArchiver.ReadAsync(store, gameId, Ct))!;
        var last = game.Events[^1];
        var next = last with { Version = last.Version + 1, CommandId = Guid.NewGuid() };
        var payload = next.Payload with
        {
            Checksum = Persistence.Records.RecordChecksum.Compute(gameId, Persistence.Records.RecordChecksum.Kind.Event, next.Version, next.Payload.Type, next.Payload.SchemaVersion, next.Payload.Encoding, next.Payload.Data),
        };
        var result = await store.AppendAsync(new Persistence.Records.AppendRequest(game.Header with { Version = next.Version }, game.Version, [next with { Payload = payload }], null, Guid.NewGuid()), Ct);
        Assert.True(result.IsDurable);
    }

    private static async Task<List<Persistence.Records.GameHeader>> ListAsync(IGameStore store) => [.. (await store.ListGamesAsync(null, 1000, Ct)).Games];

    private async Task<(IGameStore Store, string Address, string Path)> SqliteStoreAsync(string name)
    {
        var path = Path.Combine(_folder.FullName, name);
        var address = $"sqlite:{path}";
        var session = await Infrastructure.StoreSession.OpenAsync(Configuration(address), create: true, Ct);
        _sessions.Add(session);
        return (session.Store, address, path);
    }

    private readonly List<Infrastructure.StoreSession> _sessions = [];

    private static Task<Infrastructure.StoreSession> OpenAsync(string address) => Infrastructure.StoreSession.OpenAsync(Configuration(address), create: false, Ct);

    private static IConfiguration Configuration(string address) =>
        new ConfigurationBuilder().AddInMemoryCollection(Infrastructure.StoreAddress.Parse(address).Settings).Build();

    private static async Task<CliRun> Cli(params string[] args)
    {
        var run = await CliRun.RunAsync(args);
        return run;
    }

    private static string Seconds(CliRun run) => run.Json.GetProperty("seconds").GetDouble().ToString("F1", CultureInfo.InvariantCulture);

    private static void Bench(string line) => Testing.FailoverReport.Append("backup", line);
}
