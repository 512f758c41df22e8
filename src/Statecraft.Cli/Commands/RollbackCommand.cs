using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Statecraft.Abstractions.Flags;
using Statecraft.Abstractions.Grains;
using Statecraft.Cli.Infrastructure;
using Statecraft.Cli.Operations;

namespace Statecraft.Cli.Commands;

/// <summary>
/// <c>statecraft rollback</c>: the emergency path in one command — persistence and snapshots off cluster-wide, checked,
/// notified and reported — and <c>--undo</c>, which puts the recorded flags back and checks games are durable again.
/// </summary>
internal static class RollbackCommand
{
    public static Command Create(CliIo io)
    {
        var reason = new Option<string?>("--reason") { Description = "Why (recorded in the flag audit and the report). Required, except with --undo." };
        var by = new Option<string>("--by") { Description = "Who; defaults to the operating-system user.", DefaultValueFactory = _ => Environment.UserName };
        var dryRun = new Option<bool>("--dry-run") { Description = "Do every read and check, change nothing, notify nobody." };
        var disableRecovery = new Option<bool>("--disable-recovery") { Description = "Also switch EnableStateRecovery off (games then start empty instead of loading)." };
        var notify = new Option<string?>("--notify") { Description = "A webhook URL (http or https) that receives the report as JSON (POST)." };
        var report = new Option<FileInfo?>("--report") { Description = "Where to write the report: FILE (Markdown) and FILE.json. Default: rollback-<UTC time>.md here. With --undo: the JSON report of the rollback to undo." };
        var undo = new Option<bool>("--undo") { Description = "Put back the flags recorded in --report (a rollback's JSON report) and check games are acknowledged Durable again." };
        var silenceAlerts = new Option<string?>("--silence-alerts") { Description = "An Alertmanager URL: silence the persistence alerts for the rollback window (--undo removes the silence)." };
        var silenceMatchers = new Option<string[]>("--silence-matcher")
        {
            Description = "Which alerts to silence: name=value or name=~regex, all must match (repeatable).",
            DefaultValueFactory = _ => ["component=persistence"],
            AllowMultipleArgumentsPerToken = false,
        };
        var silenceFor = new Option<TimeSpan>("--silence-for") { Description = "How long the silence lasts if nobody undoes the rollback.", DefaultValueFactory = _ => TimeSpan.FromHours(4), CustomParser = Durations.Parse };
        var wait = new Option<TimeSpan>("--wait") { Description = "How long to wait for every silo to apply the change.", DefaultValueFactory = _ => TimeSpan.FromSeconds(30), CustomParser = Durations.Parse };
        var command = new Command("rollback",
            "Emergency rollback of state persistence: records status and flags, optionally silences the persistence alerts in Alertmanager, switches UseStatePersistence and EnableStateSnapshots off cluster-wide, " +
            "waits until every silo applied it, checks games still accept commands (MemoryOnly) and the error rate did not rise, notifies a webhook and writes a Markdown + JSON report. Exit 1 if a check failed.\n" +
            "Examples: statecraft rollback --dry-run --reason \"store latency\"\n" +
            "          statecraft rollback --reason \"store latency\" --notify https://hooks.example.com/statecraft --report /var/log/statecraft/rollback.md\n" +
            "          statecraft rollback --reason \"store latency\" --silence-alerts http://alertmanager:9093 --silence-for 2h\n" +
            "          statecraft rollback --undo --report /var/log/statecraft/rollback.md.json")
        { reason, by, dryRun, disableRecovery, notify, report, undo, wait, silenceAlerts, silenceMatchers, silenceFor };
        command.Validators.Add(result =>
        {
            if (!result.GetValue(undo) && string.IsNullOrWhiteSpace(result.GetValue(reason)))
            {
                result.AddError("Option '--reason' is required (why the rollback is made; it is audited).");
            }

            if (result.GetValue(notify) is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"))
            {
                result.AddError($"--notify '{url}' is not an http or https URL.");
            }

            if (result.GetValue(silenceAlerts) is { } alertmanager && !(Uri.TryCreate(alertmanager, UriKind.Absolute, out var am) && am.Scheme is "http" or "https"))
            {
                result.AddError($"--silence-alerts '{alertmanager}' is not an http or https URL.");
            }

            foreach (var matcher in result.GetValue(silenceMatchers) ?? [])
            {
                try
                {
                    _ = AlertSilences.Matcher(matcher);
                }
                catch (FormatException invalid)
                {
                    result.AddError($"--silence-matcher: {invalid.Message}");
                }
            }

            if (result.GetValue(undo) && result.GetValue(report) is null)
            {
                result.AddError("--undo needs --report: the JSON report of the rollback to undo.");
            }
        });
        io.SetAction(command, async (context, cancellationToken) =>
        {
            var silences = context.Value(silenceAlerts) is { } alertmanager
                ? new SilencePlan(new Uri(alertmanager), context.Value(silenceMatchers), context.Value(silenceFor))
                : null;
            var run = new Run(context.Value(by), context.Value(dryRun), context.Value(wait), silences, cancellationToken);
            RollbackReport result;
            await using (var connection = await context.ConnectAsync(cancellationToken))
            {
                var probe = new ClusterProbe(connection);
                result = context.Value(undo)
                    ? await run.UndoAsync(probe, await ReadReportAsync(context.Value(report)!, cancellationToken), context.Value(reason))
                    : await run.RollBackAsync(probe, context.Value(reason)!, context.Value(disableRecovery));
            }

            if (!result.DryRun && context.Value(notify) is { } url)
            {
                result = await NotifyAsync(result, new Uri(url), cancellationToken);
            }

            var path = context.Value(undo)
                ? $"{context.Value(report)!.FullName.Replace(".json", "", StringComparison.Ordinal)}.undo.md"
                : context.Value(report)?.FullName ?? Path.GetFullPath($"rollback-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}.md");
            await File.WriteAllTextAsync(path, result.ToMarkdown(), cancellationToken);
            await File.WriteAllTextAsync(path + ".json", JsonSerializer.Serialize(result, Backups.BackupFormat.IndentedJson), cancellationToken);
            if (context.Json)
            {
                context.WriteJson(new { Report = path, Result = result });
            }
            else
            {
                context.Console.Line(result.ToMarkdown());
                context.Console.Line($"Report: {path} and {path}.json");
            }

            return result.Passed ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    private static async Task<RollbackReport> ReadReportAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            return JsonSerializer.Deserialize<RollbackReport>(await File.ReadAllBytesAsync(file.FullName, cancellationToken), Backups.BackupFormat.Json)
                ?? throw new CliFailure(ExitCodes.Usage, $"{file.FullName} is empty.");
        }
        catch (Exception exception) when (exception is IOException or JsonException)
        {
            throw new CliFailure(ExitCodes.Usage, $"--report {file.FullName} is not a rollback's JSON report ({exception.Message}).", exception);
        }
    }

    private static async Task<RollbackReport> NotifyAsync(RollbackReport result, Uri url, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var response = await http.PostAsJsonAsync(url, new { Event = $"statecraft.{result.Kind.Replace(' ', '_')}", Report = result }, Backups.BackupFormat.Json, cancellationToken);
            var ok = response.IsSuccessStatusCode;
            return result with
            {
                Notified = url.ToString(),
                Checks = [.. result.Checks, new Check("notification delivered", ok, $"{url} answered {(int)response.StatusCode}", Stopwatch.GetElapsedTime(started).TotalSeconds)],
            };
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return result with { Checks = [.. result.Checks, new Check("notification delivered", false, $"{url}: {CliFailure.OneLine(exception)}", Stopwatch.GetElapsedTime(started).TotalSeconds)] };
        }
    }

    /// <summary>Which Alertmanager silences what, for how long.</summary>
    private sealed record SilencePlan(Uri Alertmanager, IReadOnlyList<string> Matchers, TimeSpan Duration);

    /// <summary>One rollback or undo: the steps, each timed and recorded as a check.</summary>
    private sealed class Run(string by, bool dryRun, TimeSpan wait, SilencePlan? silences, CancellationToken cancellationToken)
    {
        private readonly List<Check> _checks = [];
        private string? _silenceId;
        private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
        private readonly long _origin = Stopwatch.GetTimestamp();

        public async Task<RollbackReport> RollBackAsync(ClusterProbe probe, string reason, bool disableRecovery)
        {
            var before = await probe.Flags.GetSnapshot().WaitAsync(cancellationToken);
            var reports = await Step("every active silo reports itself", async () =>
            {
                var found = await probe.ReportsAsync(cancellationToken);
                return (found.Count > 0, $"{found.Count} silos: {string.Join(", ", found.Select(r => $"{r.Silo} circuit {r.Circuit}"))}", found);
            });
            var urls = reports.Where(r => r.HttpUrl is not null).Select(r => r.HttpUrl!).ToList();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var metrics = new SiloMetrics(http);
            var (failedBefore, totalBefore) = await CommandCountsAsync(metrics, urls);
            string[] targets = disableRecovery
                ? [FlagNames.UseStatePersistence, FlagNames.EnableStateSnapshots, FlagNames.EnableStateRecovery]
                : [FlagNames.UseStatePersistence, FlagNames.EnableStateSnapshots];
            if (silences is not null)
            {
                using var alertmanager = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                await Step(dryRun ? "Alertmanager answers" : "persistence alerts silenced", async () =>
                {
                    if (dryRun)
                    {
                        using var status = await alertmanager.GetAsync(new Uri(silences.Alertmanager, "/api/v2/status"), cancellationToken);
                        return (status.IsSuccessStatusCode, $"{silences.Alertmanager} answered {(int)status.StatusCode}; would silence {string.Join(", ", silences.Matchers)} for {silences.Duration}", true);
                    }

                    _silenceId = await new AlertSilences(alertmanager, silences.Alertmanager).CreateAsync(silences.Matchers, silences.Duration, by, $"statecraft rollback: {reason}", cancellationToken);
                    return (true, $"silence {_silenceId} for {string.Join(", ", silences.Matchers)}, {silences.Duration}", true);
                });
            }

            if (dryRun)
            {
                _checks.Add(new Check("plan", true, $"would switch off {string.Join(", ", targets)} (now {string.Join(", ", targets.Select(t => $"{t}={Value(before, t).Describe()}"))})", 0));
                return Report("rollback", reason, before, before, null);
            }

            var after = before;
            foreach (var flag in targets)
            {
                after = await probe.Flags.Change(new FlagChange { Name = flag, Enabled = false, ChangedBy = by, Reason = $"rollback: {reason}" }).WaitAsync(cancellationToken);
            }

            await Step($"every silo applied flag revision {after.Revision}", async () =>
            {
                var took = await probe.WaitForFlagsAsync(after.Revision, wait, cancellationToken);
                return (took is not null, took is { } t ? $"within {t.TotalSeconds:F1} s" : $"not within {wait.TotalSeconds:F0} s", true);
            });
            var gameId = $"statecraft-rollback-check-{Guid.NewGuid():N}";
            await Step("games accept commands, acknowledged MemoryOnly", async () =>
            {
                var durabilities = await probe.PlayShortGameAsync(gameId, cancellationToken);
                return (durabilities.All(d => d == Durability.MemoryOnly), $"{durabilities.Count} commands on {gameId}: {string.Join(", ", durabilities.Distinct())}", true);
            });
            await Step("the error rate did not rise", async () =>
            {
                var (failedAfter, totalAfter) = await CommandCountsAsync(metrics, urls);
                var windowTotal = totalAfter - totalBefore;
                var windowFailed = failedAfter - failedBefore;
                var baseline = totalBefore > 0 ? failedBefore / totalBefore : 0;
                var window = windowTotal > 0 ? windowFailed / windowTotal : 0;
                return (urls.Count > 0 && window <= Math.Max(2 * baseline, 0.01),
                    urls.Count == 0 ? "no silo reported an HTTP address to read /metrics from"
                        : $"{windowFailed:F0} failed of {windowTotal:F0} commands during the rollback ({window:P1}); {baseline:P1} before", true);
            });
            return Report("rollback", reason, before, after, after.Revision);
        }

        public async Task<RollbackReport> UndoAsync(ClusterProbe probe, RollbackReport rollback, string? reason)
        {
            reason ??= $"undo of the rollback of {rollback.StartedAt:u} ({rollback.Reason})";
            var before = await probe.Flags.GetSnapshot().WaitAsync(cancellationToken);
            var restore = rollback.Before.Where(b => !Equals(b, Value(before, b.Name))).ToList();
            if (dryRun)
            {
                _checks.Add(new Check("plan", true, restore.Count == 0 ? "the flags already have their recorded values" : $"would put back {string.Join(", ", restore.Select(r => $"{r.Name}={r.Describe()}"))}", 0));
                return Report("rollback undo", reason, before, before, null);
            }

            var after = before;
            foreach (var flag in restore)
            {
                after = await probe.Flags.Change(flag.ChangedAtRuntime
                    ? new FlagChange { Name = flag.Name, Enabled = flag.Percentage is null ? flag.Enabled : null, Percentage = flag.Percentage, ChangedBy = by, Reason = reason }
                    : new FlagChange { Name = flag.Name, Reset = true, ChangedBy = by, Reason = reason }).WaitAsync(cancellationToken);
            }

            await Step($"every silo applied flag revision {after.Revision}", async () =>
            {
                var took = await probe.WaitForFlagsAsync(after.Revision, wait, cancellationToken);
                return (took is not null, took is { } t ? $"within {t.TotalSeconds:F1} s" : $"not within {wait.TotalSeconds:F0} s", true);
            });
            if (rollback.SilenceId is { } silence && rollback.Alertmanager is { } alertmanagerUrl)
            {
                using var alertmanager = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                await Step("alert silence removed", async () =>
                {
                    await new AlertSilences(alertmanager, new Uri(alertmanagerUrl)).ExpireAsync(silence, cancellationToken);
                    return (true, $"silence {silence} expired at {alertmanagerUrl}", true);
                });
            }

            var gameId = $"statecraft-rollback-undo-check-{Guid.NewGuid():N}";
            await Step("games are acknowledged Durable again", async () =>
            {
                var durabilities = await probe.PlayShortGameAsync(gameId, cancellationToken);
                return (durabilities.All(d => d == Durability.Durable), $"{durabilities.Count} commands on {gameId}: {string.Join(", ", durabilities.Distinct())}", true);
            });
            return Report("rollback undo", reason, before, after, after.Revision);
        }

        private RollbackReport Report(string kind, string reason, FlagSnapshot before, FlagSnapshot after, long? revisionAfter) =>
            new(kind, dryRun, by, reason, _startedAt, Stopwatch.GetElapsedTime(_origin).TotalSeconds, before.Revision, revisionAfter,
                [.. FlagNames.BuiltIn.Select(f => Value(before, f))], [.. FlagNames.BuiltIn.Select(f => Value(after, f))], _checks, null,
                _silenceId is null ? null : silences?.Alertmanager.ToString(), _silenceId);

        private static FlagValue Value(FlagSnapshot snapshot, string flag) =>
            snapshot.Flags.TryGetValue(flag, out var definition)
                ? new FlagValue(flag, definition.Enabled, definition.Percentage, snapshot.IsChangedAtRuntime(flag))
                : new FlagValue(flag, false, null, false);

        private async Task<T> Step<T>(string name, Func<Task<(bool Passed, string Detail, T Value)>> step)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var (passed, detail, value) = await step();
                _checks.Add(new Check(name, passed, detail, Stopwatch.GetElapsedTime(started).TotalSeconds));
                return value;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _checks.Add(new Check(name, false, CliFailure.OneLine(exception), Stopwatch.GetElapsedTime(started).TotalSeconds));
                return default!;
            }
        }

        private async Task<(double Failed, double Total)> CommandCountsAsync(SiloMetrics metrics, IReadOnlyList<string> urls)
        {
            var failed = await metrics.SumAsync(urls, "statecraft_commands_total", cancellationToken, ("result", "failed"));
            var total = await metrics.SumAsync(urls, "statecraft_commands_total", cancellationToken);
            return (failed.Values.Sum(), total.Values.Sum());
        }
    }
}
