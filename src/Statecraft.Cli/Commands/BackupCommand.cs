using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Statecraft.Cli.Backups;
using Statecraft.Cli.Infrastructure;

namespace Statecraft.Cli.Commands;

/// <summary><c>statecraft backup create | list | validate | restore | prune</c>: store-level backups, streamed, checksummed, optionally encrypted.</summary>
internal static class BackupCommand
{
    public static Command Create(CliIo io)
    {
        var backup = new Command("backup", "Backups of the game store: streamed game by game, compressed, checksummed, optionally encrypted (AES-256-GCM); restores are conditional per game.");
        backup.Subcommands.Add(CreateBackup(io));
        backup.Subcommands.Add(List(io));
        backup.Subcommands.Add(Validate(io));
        backup.Subcommands.Add(Restore(io));
        backup.Subcommands.Add(Prune(io));
        return backup;
    }

    private static Option<FileInfo?> KeyFile(string name) => new(name) { Description = "A file holding the 256-bit key: 32 bytes, or their base64 or hex." };

    private static Option<string?> KeyEnv(string name) => new(name) { Description = "An environment variable holding the key (base64 or hex)." };

    private static Command CreateBackup(CliIo io)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "The folder the backup is written to.", DefaultValueFactory = _ => new DirectoryInfo("backups") };
        var excludeFinished = new Option<bool>("--exclude-finished") { Description = "Leave finished and abandoned games out." };
        var since = new Option<string?>("--since") { Description = "Only games changed since: a UTC time (2026-11-30T00:00Z) or a duration ago (7d, 12h)." };
        var keyFile = KeyFile("--encrypt-key-file");
        var keyEnv = KeyEnv("--encrypt-key-env");
        var maxSize = new Option<string?>("--max-size") { Description = "Refuse (and keep nothing) if the backup grows past this size: 500MB, 2GB." };
        var command = new Command("create",
            "Backs up the store (--store, or the silo settings) into one file and its manifest (FILE.manifest.json). Each game is read at one version (consistent per game).\n" +
            "Example: statecraft backup create --store sqlite:data/statecraft.db --out /var/backups/statecraft --encrypt-key-file /etc/statecraft/backup.key")
        { output, excludeFinished, since, keyFile, keyEnv, maxSize };
        command.Validators.Add(result =>
        {
            if (result.GetValue(since) is { } text && !TryParseSince(text, out _))
            {
                result.AddError($"--since '{text}' is neither a UTC time (2026-11-30T00:00Z) nor a duration (7d, 12h).");
            }

            if (result.GetValue(maxSize) is { } size && !Sizes.TryParse(size, out _))
            {
                result.AddError($"--max-size '{size}' is not a size; use 500MB, 2GB or a number of bytes.");
            }
        });
        io.SetAction(command, async (context, cancellationToken) =>
        {
            var key = BackupKey.Load(context.Value(keyFile), context.Value(keyEnv));
            // Checked by the command's validator already.
            _ = TryParseSince(context.Value(since), out var sinceTime);
            long? limit = context.Value(maxSize) is { } size && Sizes.TryParse(size, out var bytes) ? bytes : null;
            await using var store = await context.OpenStoreAsync(create: false, cancellationToken);
            var folder = context.Value(output);
            folder.Create();
            var kind = store.Description.Split(':')[0];
            var path = Path.Combine(folder.FullName, $"statecraft-{kind}-{DateTime.UtcNow:yyyyMMdd'T'HHmmssfff'Z'}{BackupFormat.Extension}");
            var started = DateTime.UtcNow;
            BackupManifest manifest;
            try
            {
                manifest = await Progress.RunAsync(context, "Backing up", progress =>
                    BackupWriter.CreateAsync(store.Store, store.Description, path, new BackupSelection(context.Value(excludeFinished), sinceTime), key, limit, progress, cancellationToken));
            }
            catch (BackupTooLargeException tooLarge)
            {
                throw new CliFailure(ExitCodes.Failed, tooLarge.Message, tooLarge);
            }

            var seconds = Math.Max(0.001, (DateTime.UtcNow - started).TotalSeconds);
            Report(context, new
            {
                Path = path,
                Manifest = manifest,
                Seconds = Math.Round(seconds, 2),
                GamesPerSecond = Math.Round(manifest.Games / seconds, 1),
            }, $"{manifest.Games} games ({manifest.Events} events, {manifest.Snapshots} snapshots) from {manifest.Source} → {path}: {Sizes.Format(manifest.Bytes)} " +
               $"({Sizes.Format(manifest.UncompressedBytes)} before compression){(manifest.Encrypted ? ", encrypted" : "")}, in {seconds:F1} s.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliIo io)
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Where the backups are.", DefaultValueFactory = _ => new DirectoryInfo("backups") };
        var command = new Command("list", "Backups in a folder, newest first, from their manifests.\nExample: statecraft backup list /var/backups/statecraft") { folder };
        io.SetAction(command, (context, _) =>
        {
            var manifests = Manifests(context.Value(folder)).OrderByDescending(m => m.Manifest.CreatedAt).ToList();
            if (context.Json)
            {
                context.WriteJson(manifests.Select(m => m.Manifest));
                return Task.FromResult(ExitCodes.Success);
            }

            var table = Tables.Create("File", "Created (UTC)", "Source", "Games", "Events", "Snapshots", "Size", "Encrypted", "Selection");
            foreach (var (_, m) in manifests)
            {
                table.Row(m.File, m.CreatedAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture), m.Source, m.Games.ToString(CultureInfo.InvariantCulture),
                    m.Events.ToString(CultureInfo.InvariantCulture), m.Snapshots.ToString(CultureInfo.InvariantCulture), Sizes.Format(m.Bytes), m.Encrypted ? "yes" : "no", m.Selection);
            }

            context.Console.Write(table);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command Validate(CliIo io)
    {
        var file = new Argument<FileInfo>("file") { Description = "The backup file (.scbak)." };
        var keyFile = KeyFile("--key-file");
        var keyEnv = KeyEnv("--key-env");
        var command = new Command("validate", "Reads the whole backup and checks the file's SHA-256, the encryption, every record's checksum, every game's stream and the manifest. Exit 1 on any problem.\n" +
            "Example: statecraft backup validate backups/statecraft-sqlite-20261130T120000000Z.scbak --key-file /etc/statecraft/backup.key") { file, keyFile, keyEnv };
        io.SetAction(command, async (context, cancellationToken) =>
        {
            var key = ReadKey(context, keyFile, keyEnv);
            var manifest = await Progress.RunAsync(context, "Validating", _ => ReadCheckedAsync(context.Value(file).FullName, key, null, cancellationToken));
            Report(context, new { File = context.Value(file).FullName, Valid = true, manifest.Games, manifest.Events, manifest.Snapshots },
                $"Valid: {manifest.Games} games, {manifest.Events} events, {manifest.Snapshots} snapshots; every checksum matches.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Restore(CliIo io)
    {
        var file = new Argument<FileInfo>("file") { Description = "The backup file (.scbak)." };
        var keyFile = KeyFile("--key-file");
        var keyEnv = KeyEnv("--key-env");
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the backup and say what would be created, skipped or overwritten; change nothing." };
        var games = new Option<string[]>("--games") { Description = "Only these game ids (repeat, or separate with commas).", AllowMultipleArgumentsPerToken = true };
        var overwriteNewer = new Option<bool>("--overwrite-newer") { Description = "Also overwrite games the store holds at a later version than the backup." };
        var clusterStopped = new Option<bool>("--cluster-stopped") { Description = "State that no silo serves these games, so existing games may be overwritten (a running silo could keep playing a state the store no longer has)." };
        var command = new Command("restore",
            "Restores games into the store (--store, or the silo settings), after checking the whole backup first (a bad backup restores nothing). " +
            "A game the store lacks is created; one it holds at the same or a later version is skipped (unless --overwrite-newer); an older one is overwritten, which needs --cluster-stopped.\n" +
            "Examples: statecraft backup restore backups/statecraft-sqlite-20261130T120000000Z.scbak --store redis://10.0.0.7:6379 --dry-run\n" +
            "          statecraft backup restore backups/statecraft-sqlite-20261130T120000000Z.scbak --games g-123 --cluster-stopped")
        { file, keyFile, keyEnv, dryRun, games, overwriteNewer, clusterStopped };
        io.SetAction(command, async (context, cancellationToken) =>
        {
            var key = ReadKey(context, keyFile, keyEnv);
            var path = context.Value(file).FullName;
            var only = (context.Value(games) ?? []).SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
            var manifest = await ReadCheckedAsync(path, key, null, cancellationToken);
            await using var store = await context.OpenStoreAsync(create: !context.Value(dryRun), cancellationToken);
            var outcomes = new List<(string GameId, string Outcome)>();
            var started = DateTime.UtcNow;
            await Progress.RunAsync(context, context.Value(dryRun) ? "Checking" : "Restoring", async progress =>
            {
                var done = 0;
                await ReadCheckedAsync(path, key, async game =>
                {
                    progress(++done, manifest.Games);
                    if (only.Count > 0 && !only.Contains(game.GameId))
                    {
                        return;
                    }

                    var decision = await GameArchiver.WriteAsync(store.Store, game, context.Value(overwriteNewer), dryRun: true, cancellationToken);
                    if (decision == GameArchiver.Outcome.Overwritten && !context.Value(clusterStopped))
                    {
                        outcomes.Add((game.GameId, "refused: exists in the store; overwriting it while a silo may serve it could leave that silo playing a state the store no longer has (stop the silos or evict and stop traffic to it, then add --cluster-stopped)"));
                        return;
                    }

                    var outcome = context.Value(dryRun) ? decision : await GameArchiver.WriteAsync(store.Store, game, context.Value(overwriteNewer), dryRun: false, cancellationToken);
                    outcomes.Add((game.GameId, Describe(outcome, context.Value(dryRun))));
                }, cancellationToken);
                return true;
            });

            var missing = only.Except(outcomes.Select(o => o.GameId), StringComparer.Ordinal).ToList();
            outcomes.AddRange(missing.Select(id => (id, "not in the backup")));
            var counts = outcomes.GroupBy(o => o.Outcome.Split(':')[0]).ToDictionary(g => g.Key, g => g.Count());
            var seconds = Math.Max(0.001, (DateTime.UtcNow - started).TotalSeconds);
            if (context.Json)
            {
                context.WriteJson(new { File = path, Target = store.Description, DryRun = context.Value(dryRun), Counts = counts, Seconds = Math.Round(seconds, 2), Games = outcomes.Select(o => new { o.GameId, o.Outcome }) });
            }
            else
            {
                var table = Tables.Create("Game", context.Value(dryRun) ? "Would be" : "Outcome");
                foreach (var (gameId, outcome) in outcomes.Where(o => !o.Outcome.StartsWith("skipped", StringComparison.Ordinal) || outcomes.Count <= 50))
                {
                    table.Row(gameId, outcome);
                }

                context.Console.Write(table);
                context.Console.Line($"{(context.Value(dryRun) ? "Dry run, nothing changed" : $"Restored into {store.Description} in {seconds:F1} s")}: " +
                    string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
            }

            return outcomes.Any(o => o.Outcome.StartsWith("refused", StringComparison.Ordinal) || o.Outcome == "not in the backup") ? ExitCodes.Failed : ExitCodes.Success;
        });
        return command;
    }

    private static Command Prune(CliIo io)
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Where the backups are.", DefaultValueFactory = _ => new DirectoryInfo("backups") };
        var keepDays = new Option<int>("--keep-days") { Description = "Delete backups created more than this many days ago.", Required = true };
        keepDays.Validators.Add(result =>
        {
            if (result.GetValue(keepDays) < 1)
            {
                result.AddError("--keep-days must be at least 1.");
            }
        });
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would be deleted; delete nothing." };
        var command = new Command("prune", "Deletes backups (file and manifest) older than the retention; only files with a Statecraft manifest are touched.\n" +
            "Example: statecraft backup prune /var/backups/statecraft --keep-days 30") { folder, keepDays, dryRun };
        io.SetAction(command, (context, _) =>
        {
            var cutoff = DateTimeOffset.UtcNow.AddDays(-context.Value(keepDays));
            var doomed = Manifests(context.Value(folder)).Where(m => m.Manifest.CreatedAt < cutoff).ToList();
            if (!context.Value(dryRun))
            {
                foreach (var (manifestPath, manifest) in doomed)
                {
                    File.Delete(Path.Combine(Path.GetDirectoryName(manifestPath)!, manifest.File));
                    File.Delete(manifestPath);
                }
            }

            Report(context, new { DryRun = context.Value(dryRun), Deleted = doomed.Select(d => d.Manifest.File) },
                $"{(context.Value(dryRun) ? "Would delete" : "Deleted")} {doomed.Count} backups older than {context.Value(keepDays)} days{(doomed.Count > 0 ? ": " + string.Join(", ", doomed.Select(d => d.Manifest.File)) : ".")}");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static string Describe(GameArchiver.Outcome outcome, bool dryRun) => (outcome, dryRun) switch
    {
        (GameArchiver.Outcome.Created, _) => "created",
        (GameArchiver.Outcome.Overwritten, _) => "overwritten",
        (GameArchiver.Outcome.SkippedNewer, _) => "skipped: newer in the store (--overwrite-newer to replace it)",
        _ => "skipped: already at this version",
    };

    private static byte[]? ReadKey(CliContext context, Option<FileInfo?> file, Option<string?> variable) =>
        BackupKey.Load(context.Value(file), context.Value(variable) ?? (Environment.GetEnvironmentVariable(BackupKey.DefaultVariable) is { Length: > 0 } ? BackupKey.DefaultVariable : null));

    private static async Task<BackupManifestLine> ReadCheckedAsync(string path, byte[]? key, Func<ArchivedGame, Task>? onGame, CancellationToken cancellationToken)
    {
        try
        {
            return await BackupReader.ReadAsync(path, key, onGame, cancellationToken);
        }
        catch (BackupRejectedException rejected)
        {
            throw new CliFailure(ExitCodes.Failed, $"Backup rejected, nothing restored: {rejected.Message}", rejected);
        }
    }

    private static IEnumerable<(string Path, BackupManifest Manifest)> Manifests(DirectoryInfo folder)
    {
        if (!folder.Exists)
        {
            throw new CliFailure(ExitCodes.Usage, $"{folder.FullName}: no such folder.");
        }

        foreach (var path in Directory.EnumerateFiles(folder.FullName, "*" + BackupFormat.ManifestSuffix))
        {
            BackupManifest? manifest = null;
            try
            {
                manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllBytes(path), BackupFormat.Json);
            }
            catch (JsonException)
            {
                // Not one of ours; left alone.
            }

            if (manifest is not null)
            {
                yield return (path, manifest);
            }
        }
    }

    private static bool TryParseSince(string? text, out DateTimeOffset? since)
    {
        since = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            since = at;
            return true;
        }

        if (Durations.TryParse(text, out var ago))
        {
            since = DateTimeOffset.UtcNow - ago;
            return true;
        }

        return false;
    }

    private static void Report(CliContext context, object json, string text)
    {
        if (context.Json)
        {
            context.WriteJson(json);
        }
        else
        {
            context.Console.Line(text);
        }
    }
}
