using StackExchange.Redis;
using Statecraft.Abstractions.Grains;
using Statecraft.Abstractions.Operations;
using Statecraft.Client;
using Statecraft.Engine.Rulesets.TicTacToe;

namespace Statecraft.Cli.Tests.Drills;

/// <summary>
/// The emergency and recovery procedures of <c>runbooks/state-persistence.md</c>, run as drills: a real two-silo cluster
/// on a real Redis, the situation the procedure is for, then the procedure's own <c>statecraft</c> commands read from the
/// runbook and run in order, then the outcome the runbook promises, checked independently of the tool.
/// </summary>
[Collection(LiveSilos.Name)]
public sealed class RunbookDrillTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("statecraft-drills-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Rollback_of_the_persistence_flags_and_roll_forward()
    {
        await using var cluster = await DrillCluster.StartAsync(Ct);
        var game = await NewGameAsync(cluster.Client, "drill-rollback");
        var variables = Variables(game.GameId);

        await RunAsync(cluster, RunbookProcedure.Read("Rollback of the persistence flags"), variables);
        var duringRollback = await game.MoveAsync("x", TicTacToeRules.Place(0), cancellationToken: Ct);
        Assert.True(duringRollback is { Accepted: true, Durability: Durability.MemoryOnly }, duringRollback.ToString());

        await RunAsync(cluster, RunbookProcedure.Read("Roll-forward after a rollback"), variables);
        var after = await game.MoveAsync("o", TicTacToeRules.Place(4), cancellationToken: Ct);
        Assert.True(after is { Accepted: true, Durability: Durability.Durable }, after.ToString());
        // The move accepted in memory only during the rollback is stored now (the catch-up snapshot), not lost.
        await using var store = new Persistence.Redis.RedisGameStore(new Persistence.Redis.RedisStoreOptions { ConnectionString = cluster.Redis.ConnectionString });
        var stored = await Testing.Repositories.For(store).LoadAsync(game.GameId, Ct);
        Assert.Equal(after.Version, stored!.Version);
    }

    [Fact]
    public async Task Restore_one_damaged_game_from_a_backup()
    {
        await using var cluster = await DrillCluster.StartAsync(Ct);
        var game = await NewGameAsync(cluster.Client, "drill-restore");
        await MoveAsync(game, "x", 0);
        var backedUp = (await game.GetViewAsync(null, cancellationToken: Ct)).Version;
        var backupDirectory = Path.Combine(_folder.FullName, "backups");
        var backup = await cluster.RunAsync(["backup", "create", "--out", backupDirectory]);
        Assert.True(backup.ExitCode == 0, backup.ToString());
        var file = Directory.EnumerateFiles(backupDirectory, "*.scbak").Single();

        // The game plays on and leaves memory (its final snapshot written), then its newest snapshot and newest event are
        // damaged: the fallback to the older snapshot meets the damaged event, so no activation can rebuild the game.
        await MoveAsync(game, "o", 4);
        await cluster.Client.Cluster.GetGrain<IGameGrainControl>(game.GameId).Evict();
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        await DamageNewestAsync(cluster, $"{{sc:{game.GameId}}}:snapshots");
        await DamageNewestAsync(cluster, $"{{sc:{game.GameId}}}:events");
        var refused = await game.MoveAsync("x", TicTacToeRules.Place(1), cancellationToken: Ct);
        Assert.True(refused.Rejection?.Code == Abstractions.Games.RejectionCode.RecoveryFailed, refused.ToString());

        await RunAsync(cluster, RunbookProcedure.Read("Restore one damaged game from a backup"), Variables(game.GameId, backup: file, backupDirectory: backupDirectory));

        var view = await game.GetViewAsync(null, cancellationToken: Ct);
        Assert.Equal(backedUp, view.Version);
        var next = await game.MoveAsync("o", TicTacToeRules.Place(4), cancellationToken: Ct);
        Assert.True(next is { Accepted: true, Durability: Durability.Durable }, next.ToString());
    }

    [Fact]
    public async Task Recovery_from_a_store_outage()
    {
        await using var cluster = await DrillCluster.StartAsync(Ct);
        var game = await NewGameAsync(cluster.Client, "drill-outage");
        await MoveAsync(game, "x", 0);

        // The store goes away for ten seconds: the command is not acknowledged (FailFast, the default). Straight to the
        // grain, so the client library's own retries cannot carry it past the outage.
        var move = Guid.NewGuid();
        await cluster.Redis.PauseAsync();
        try
        {
            var during = await Record.ExceptionAsync(() => game.Grain.SubmitMove(move, "o", TicTacToeRules.Place(4)).WaitAsync(TimeSpan.FromSeconds(30), Ct));
            Assert.True(during is not null, "a command was acknowledged while the store was frozen");
            await Task.Delay(TimeSpan.FromSeconds(10), Ct);
        }
        finally
        {
            await cluster.Redis.ResumeAsync();
        }

        // The procedure's "Before": every circuit closed again, which `statecraft status` reports.
        await UntilHealthyAsync(cluster);
        await RunAsync(cluster, RunbookProcedure.Read("Recovery from a store outage"), Variables(game.GameId));

        // The same command again: applied now, or (if the write that timed out landed when the store came back) its replay.
        var after = await game.MoveAsync("o", TicTacToeRules.Place(4), move, Ct);
        Assert.True(after is { Accepted: true, Durability: Durability.Durable }, after.ToString());
    }

    /// <summary>
    /// Runs every step of <paramref name="procedure"/>. A step must succeed (exit 0); <c>statecraft status</c> may also
    /// say degraded (4) while the procedure is under way, and is run again, as an operator would, until it is healthy
    /// when it is the procedure's last word.
    /// </summary>
    private static async Task RunAsync(DrillCluster cluster, RunbookProcedure procedure, IReadOnlyDictionary<string, string> variables)
    {
        var steps = procedure.Arguments(variables).ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var run = await cluster.RunAsync(step);
            if (step[0] == "status")
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (i == steps.Count - 1 && run.ExitCode != 0 && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(2_000, Ct);
                    run = await cluster.RunAsync(step);
                }

                Assert.True(run.ExitCode is 0 or 4 && (i < steps.Count - 1 || run.ExitCode == 0), $"{procedure.Heading}, step {i + 1} `statecraft {string.Join(' ', step)}`: {run}");
            }
            else
            {
                Assert.True(run.ExitCode == 0, $"{procedure.Heading}, step {i + 1} `statecraft {string.Join(' ', step)}`: {run}");
            }
        }
    }

    private static async Task UntilHealthyAsync(DrillCluster cluster)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        CliRun status;
        while ((status = await cluster.RunAsync(["status"])).ExitCode != 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(2_000, Ct);
        }

        Assert.True(status.ExitCode == 0, $"the cluster did not report healthy within 60 s of the store's return: {status}");
    }

    private Dictionary<string, string> Variables(string gameId, string? backup = null, string? backupDirectory = null) => new(StringComparer.Ordinal)
    {
        ["GAME"] = gameId,
        ["REASON"] = "runbook drill",
        ["REPORT"] = Path.Combine(_folder.FullName, "rollback.md"),
        ["BACKUP"] = backup ?? Path.Combine(_folder.FullName, "none.scbak"),
        ["BACKUP_DIR"] = backupDirectory ?? Path.Combine(_folder.FullName, "backups"),
    };

    private static async Task<GameHandle> NewGameAsync(StatecraftClient client, string prefix)
    {
        var game = client.Game($"{prefix}-{Guid.NewGuid():N}");
        Assert.True((await game.CreateAsync("x", TicTacToeRules.RulesetId, cancellationToken: Ct)).Accepted);
        Assert.True((await game.JoinAsync("x", cancellationToken: Ct)).Accepted);
        Assert.True((await game.JoinAsync("o", cancellationToken: Ct)).Accepted);
        Assert.True((await game.StartAsync("x", cancellationToken: Ct)).Accepted);
        return game;
    }

    private static async Task MoveAsync(GameHandle game, string player, int cell)
    {
        var result = await game.MoveAsync(player, TicTacToeRules.Place(cell), cancellationToken: Ct);
        Assert.True(result is { Accepted: true, Durability: Durability.Durable }, result.ToString());
    }

    /// <summary>Flips one byte of the newest record of a game's event or snapshot set in Redis (its checksum no longer matches), as a disk or a bad tool would.</summary>
    private static async Task DamageNewestAsync(DrillCluster cluster, string key)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString);
        var database = redis.GetDatabase();
        var newest = await database.SortedSetRangeByRankWithScoresAsync(key, -1, -1);
        var entry = Assert.Single(newest);
        var bytes = ((byte[])entry.Element!).ToArray();
        bytes[^2] ^= 0x20;
        var transaction = database.CreateTransaction();
        _ = transaction.SortedSetRemoveAsync(key, entry.Element);
        _ = transaction.SortedSetAddAsync(key, bytes, entry.Score);
        Assert.True(await transaction.ExecuteAsync());
    }
}
