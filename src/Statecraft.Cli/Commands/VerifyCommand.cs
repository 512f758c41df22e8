using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Statecraft.Abstractions.Flags;
using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.Abstractions.Operations;
using Statecraft.Cli.Infrastructure;
using Statecraft.Cli.Operations;
using Statecraft.Client;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Rulesets.TicTacToe;

namespace Statecraft.Cli.Commands;

/// <summary>
/// <c>statecraft verify</c>: the pre-rollout check against a live cluster — play real games, force them out of memory,
/// load them back and compare, see snapshots and counters move, clean up.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliIo io)
    {
        var games = new Option<int>("--games") { Description = "How many games to play (both rulesets, 2–200).", DefaultValueFactory = _ => 6 };
        games.Validators.Add(result =>
        {
            if (result.GetValue(games) is < 2 or > 200)
            {
                result.AddError("--games must be 2 to 200.");
            }
        });
        var report = new Option<FileInfo?>("--report") { Description = "Also write the report to FILE (Markdown) and FILE.json." };
        var keep = new Option<bool>("--keep-games") { Description = "Leave the verification games in the store (default: they are deleted)." };
        var command = new Command("verify",
            "Verifies a live cluster end to end: the persistence flags are on; N complete games (both rulesets, ids statecraft-verify-…) are played, forced out of memory, " +
            "loaded back from the store and compared with what was played; snapshots were written and the statecraft_* counters on every silo's /metrics moved; the games are deleted. Exit 1 on any failure.\n" +
            "Example: statecraft verify --games 10 --store redis://10.0.0.7:6379 --report verify.md")
        { games, report, keep };
        io.SetAction(command, async (context, cancellationToken) =>
        {
            var checks = new List<Check>();
            var started = DateTimeOffset.UtcNow;
            var runId = $"statecraft-verify-{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid():N}"[..48];
            var ids = Enumerable.Range(0, context.Value(games)).Select(i => $"{runId}-{i}").ToList();
            await using (var connection = await context.ConnectAsync(cancellationToken))
            {
                await RunAsync(context, connection, ids, checks, cancellationToken);
                if (!context.Value(keep))
                {
                    await CleanUpAsync(context, connection, ids, checks, cancellationToken);
                }
            }

            var result = new RollbackReport("verification", false, Environment.UserName, $"{ids.Count} games under {runId}", started,
                (DateTimeOffset.UtcNow - started).TotalSeconds, 0, null, [], [], checks, null);
            if (context.Value(report) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, result.ToMarkdown(), cancellationToken);
                await File.WriteAllTextAsync(file.FullName + ".json", JsonSerializer.Serialize(result, Backups.BackupFormat.IndentedJson), cancellationToken);
            }

            if (context.Json)
            {
                context.WriteJson(new { result.Passed, result.Seconds, Checks = checks });
            }
            else
            {
                var table = Tables.Create("Check", "Result", "Detail", "Seconds");
                foreach (var check in checks)
                {
                    table.Row(check.Name, check.Passed ? "pass" : "FAIL", check.Detail, check.Seconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
                }

                context.Console.Write(table);
                context.Console.Line(result.Passed ? "Verification passed." : "Verification FAILED.");
            }

            return result.Passed ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    private static async Task RunAsync(CliContext context, StatecraftConnection connection, List<string> ids, List<Check> checks, CancellationToken cancellationToken)
    {
        var probe = new ClusterProbe(connection);
        async Task<bool> Step(string name, Func<Task<(bool, string)>> step)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var (passed, detail) = await step();
                checks.Add(new Check(name, passed, detail, Stopwatch.GetElapsedTime(started).TotalSeconds));
                return passed;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                checks.Add(new Check(name, false, CliFailure.OneLine(exception), Stopwatch.GetElapsedTime(started).TotalSeconds));
                return false;
            }
        }

        var flags = await probe.Flags.GetSnapshot().WaitAsync(cancellationToken);
        var off = FlagNames.BuiltIn.Where(f => !flags.IsEnabled(f)).ToList();
        await Step("the persistence flags are on", () => Task.FromResult((off.Count == 0, off.Count == 0 ? string.Join(", ", FlagNames.BuiltIn) + " on" : $"off: {string.Join(", ", off)}")));
        var reports = await probe.ReportsAsync(cancellationToken);
        var urls = reports.Where(r => r.HttpUrl is not null).Select(r => r.HttpUrl!).ToList();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var metrics = new SiloMetrics(http);
        var commandsBefore = await metrics.SumAsync(urls, "statecraft_commands_total", cancellationToken);
        var snapshotsBefore = await metrics.SumAsync(urls, "statecraft_snapshots_written_total", cancellationToken);
        var recoveriesBefore = reports.Sum(r => r.RecoveriesByOutcome.Values.Sum());

        var played = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!await Step($"{ids.Count} games played to the end (both rulesets)", async () =>
            {
                var durable = 0;
                for (var i = 0; i < ids.Count; i++)
                {
                    durable += await PlayToEndAsync(connection.Client.Game(ids[i]), i % 2 == 0 ? TicTacToeRules.RulesetId : OhHellRules.RulesetId, i, cancellationToken);
                    played[ids[i]] = await ViewAsync(connection.Client, ids[i], cancellationToken);
                }

                return (true, $"{durable} commands acknowledged Durable");
            }))
        {
            return;
        }

        await Step("forced out of memory, loaded back, equal to what was played", async () =>
        {
            foreach (var id in ids)
            {
                await connection.ClusterClient.GetGrain<IGameGrainControl>(id).Evict().WaitAsync(cancellationToken);
            }

            // Deactivation follows the call; give the final snapshots a moment before the next call loads each game.
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            var different = new List<string>();
            foreach (var id in ids)
            {
                if (await ViewAsync(connection.Client, id, cancellationToken) != played[id])
                {
                    different.Add(id);
                }
            }

            var recovered = (await probe.ReportsAsync(cancellationToken)).Sum(r => r.RecoveriesByOutcome.Values.Sum()) - recoveriesBefore;
            return (different.Count == 0, different.Count == 0 ? $"{ids.Count} games equal after reload; recoveries reported by the silos: +{recovered}" : $"differ after reload: {string.Join(", ", different)}");
        });
        await Step("snapshots written and statecraft_* counters moved on the silos", async () =>
        {
            // Silos refresh nothing here: /metrics is read live.
            var commandsAfter = await metrics.SumAsync(urls, "statecraft_commands_total", cancellationToken);
            var snapshotsAfter = await metrics.SumAsync(urls, "statecraft_snapshots_written_total", cancellationToken);
            var commands = commandsAfter.Values.Sum() - commandsBefore.Values.Sum();
            var snapshots = snapshotsAfter.Values.Sum() - snapshotsBefore.Values.Sum();
            var perSilo = string.Join("; ", urls.Select(u => $"{u}: +{commandsAfter.GetValueOrDefault(u) - commandsBefore.GetValueOrDefault(u):F0} commands, +{snapshotsAfter.GetValueOrDefault(u) - snapshotsBefore.GetValueOrDefault(u):F0} snapshots"));
            return (urls.Count > 0 && commandsAfter.Count == urls.Count && commands > 0 && snapshots > 0,
                urls.Count == 0 ? "no silo reported an HTTP address" : $"{perSilo}{(commandsAfter.Count < urls.Count ? $"; {urls.Count - commandsAfter.Count} silos did not answer /metrics" : "")}");
        });
    }

    private static async Task CleanUpAsync(CliContext context, StatecraftConnection connection, List<string> ids, List<Check> checks, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            foreach (var id in ids)
            {
                await connection.ClusterClient.GetGrain<IGameGrainControl>(id).Evict().WaitAsync(cancellationToken);
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            await using var store = await context.OpenStoreAsync(create: false, cancellationToken);
            var deleted = 0;
            foreach (var id in ids)
            {
                deleted += await store.Store.DeleteAsync(id, cancellationToken) ? 1 : 0;
            }

            checks.Add(new Check("verification games deleted", deleted == ids.Count, $"{deleted} of {ids.Count} deleted from {store.Description}", Stopwatch.GetElapsedTime(started).TotalSeconds));
        }
        catch (CliFailure failure)
        {
            checks.Add(new Check("verification games deleted", false, $"{failure.Message} (give --store, or --keep-games)", Stopwatch.GetElapsedTime(started).TotalSeconds));
        }
    }

    /// <summary>Plays a game to its end with the first legal move each turn; the number of Durable acknowledgements. Throws on anything else.</summary>
    private static async Task<int> PlayToEndAsync(GameHandle game, string ruleset, int seed, CancellationToken cancellationToken)
    {
        string[] players = ruleset == TicTacToeRules.RulesetId ? ["x", "o"] : ["a", "b", "c"];
        var options = ruleset == OhHellRules.RulesetId ? GameOptions.With((OhHellConfig.HandSizesKey, "2,1"), (OhHellConfig.MaxPlayersKey, "3")) : null;
        var results = new List<CommandResult> { await game.CreateAsync(players[0], ruleset, options, cancellationToken: cancellationToken) };
        foreach (var player in players)
        {
            results.Add(await game.JoinAsync(player, cancellationToken: cancellationToken));
        }

        results.Add(await game.StartAsync(players[0], cancellationToken: cancellationToken));
        var random = new Random(seed);
        for (var moves = 0; moves < 500; moves++)
        {
            var view = (await game.GetViewAsync(null, cancellationToken: cancellationToken)).View!;
            if (view.Phase.IsTerminal)
            {
                break;
            }

            // Whoever has a legal move: the player whose turn it is, or (phases without one) the first who can act.
            string? player = null;
            IReadOnlyList<Move> legal = [];
            foreach (var candidate in view.Turn is { } turn ? [turn] : players)
            {
                legal = await game.Grain.GetLegalMoves(candidate).WaitAsync(cancellationToken);
                if (legal.Count > 0)
                {
                    player = candidate;
                    break;
                }
            }

            if (player is null)
            {
                throw new InvalidOperationException($"{game.GameId}: nobody has a legal move in {view.Phase.Name}");
            }

            results.Add(await game.MoveAsync(player, legal[random.Next(legal.Count)], cancellationToken: cancellationToken));
        }

        return results.FirstOrDefault(r => !r.Accepted || r.Durability != Durability.Durable) is { } wrong
            ? throw new InvalidOperationException($"{game.GameId}: a command got {wrong}")
            : results.Count;
    }

    private static async Task<string> ViewAsync(StatecraftClient client, string gameId, CancellationToken cancellationToken) =>
        JsonSerializer.Serialize((await client.Game(gameId).GetViewAsync(null, cancellationToken: cancellationToken)).View);
}
