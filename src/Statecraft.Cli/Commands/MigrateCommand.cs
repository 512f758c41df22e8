using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using Statecraft.Cli.Backups;
using Statecraft.Cli.Infrastructure;

namespace Statecraft.Cli.Commands;

/// <summary><c>statecraft migrate</c>: copies every game from one store to another through the backup's streaming path, each copy verified.</summary>
internal static class MigrateCommand
{
    public static Command Create(CliIo io)
    {
        var from = new Option<string>("--from") { Description = "The source store (sqlite:PATH, redis://…, dynamodb://TABLE?serviceUrl=…).", Required = true };
        var to = new Option<string>("--to") { Description = "The target store; created (schema, table) if needed.", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and check every game, say what would be copied; write nothing." };
        var overwriteNewer = new Option<bool>("--overwrite-newer") { Description = "Also overwrite games the target holds at a later version." };
        var clusterStopped = new Option<bool>("--cluster-stopped") { Description = "State that no silo serves the target, so existing games there may be overwritten." };
        var command = new Command("migrate",
            "Copies every game between backends (SQLite, Redis, DynamoDB), record for record, and reads each back from the target to compare. Stop the silos (or switch persistence off) first: games that change during the copy are copied at the version read.\n" +
            "Example: statecraft migrate --from sqlite:data/statecraft.db --to redis://10.0.0.7:6379")
        { from, to, dryRun, overwriteNewer, clusterStopped };
        io.SetAction(command, async (context, cancellationToken) =>
        {
            await using var source = await context.OpenStoreAsync(context.Value(from), create: false, cancellationToken);
            await using var target = await context.OpenStoreAsync(context.Value(to), create: !context.Value(dryRun), cancellationToken);
            var ids = new List<string>();
            string? token = null;
            do
            {
                var page = await source.Store.ListGamesAsync(token, 1000, cancellationToken);
                ids.AddRange(page.Games.Select(g => g.GameId));
                token = page.ContinuationToken;
            }
            while (token is not null);

            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var problems = new List<string>();
            var started = DateTime.UtcNow;
            await Progress.RunAsync(context, context.Value(dryRun) ? "Checking" : "Migrating", async progress =>
            {
                var done = 0;
                foreach (var gameId in ids)
                {
                    progress(++done, ids.Count);
                    if (await GameArchiver.ReadAsync(source.Store, gameId, cancellationToken) is not { } game)
                    {
                        continue;
                    }

                    if (game.FindDamage() is { } damage)
                    {
                        problems.Add(damage);
                        continue;
                    }

                    var decision = await GameArchiver.WriteAsync(target.Store, game, context.Value(overwriteNewer), dryRun: true, cancellationToken);
                    if (decision == GameArchiver.Outcome.Overwritten && !context.Value(clusterStopped))
                    {
                        problems.Add($"game {gameId} exists in the target: not overwritten without --cluster-stopped");
                        continue;
                    }

                    if (!context.Value(dryRun))
                    {
                        decision = await GameArchiver.WriteAsync(target.Store, game, context.Value(overwriteNewer), dryRun: false, cancellationToken);
                        if (decision is GameArchiver.Outcome.Created or GameArchiver.Outcome.Overwritten
                            && !Same(game, await GameArchiver.ReadAsync(target.Store, gameId, cancellationToken)))
                        {
                            problems.Add($"game {gameId} reads back from the target differently");
                        }
                    }

                    counts[decision.ToString()] = counts.GetValueOrDefault(decision.ToString()) + 1;
                }

                return true;
            });

            var seconds = Math.Max(0.001, (DateTime.UtcNow - started).TotalSeconds);
            if (context.Json)
            {
                context.WriteJson(new { From = source.Description, To = target.Description, DryRun = context.Value(dryRun), Games = ids.Count, Counts = counts, Problems = problems, Seconds = Math.Round(seconds, 2) });
            }
            else
            {
                context.Console.Line($"{(context.Value(dryRun) ? "Dry run" : "Migrated")} {source.Description} → {target.Description}: {ids.Count} games in {seconds:F1} s; " +
                    string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
                foreach (var problem in problems)
                {
                    context.Console.Line($"  problem: {problem}");
                }
            }

            return problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    /// <summary>Record for record the same (payload bytes, checksums, ids, times), compared through the backup's own serialization.</summary>
    private static bool Same(ArchivedGame expected, ArchivedGame? actual) =>
        actual is not null && SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(expected, BackupFormat.Json))
            .AsSpan().SequenceEqual(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(actual, BackupFormat.Json)));
}
