using System.Net;
using System.Text;
using System.Text.Json;

namespace Statecraft.Cli.Tests;

/// <summary>rollback (dry run, real, undo, webhook, report) and verify (healthy, and recovery switched off) against a real silo.</summary>
[Collection(LiveSilos.Name)]
public sealed class RollbackAndVerifyTests(LiveSilo live) : IClassFixture<LiveSilo>, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("statecraft-rollback-tests-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_dry_run_changes_nothing_a_rollback_switches_persistence_off_notifies_and_reports_and_undo_brings_durable_back()
    {
        var revision = await RevisionAsync();
        var dryRun = await CliRun.RunAsync("rollback", "--dry-run", "--reason", "drill", "--cluster", live.Cluster, "--report", Path.Combine(_folder.FullName, "dry.md"), "--json");
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Equal(revision, await RevisionAsync());
        Assert.True(File.Exists(Path.Combine(_folder.FullName, "dry.md.json")));

        using var webhook = new Webhook();
        var report = Path.Combine(_folder.FullName, "rollback.md");
        try
        {
            var rollback = await CliRun.RunAsync("rollback", "--reason", "store latency drill", "--by", "ci", "--cluster", live.Cluster, "--notify", webhook.Url, "--report", report);
            Assert.True(rollback.ExitCode == 0, rollback.ToString());
            var flags = await FlagsAsync();
            Assert.False(flags["UseStatePersistence"]);
            Assert.False(flags["EnableStateSnapshots"]);
            Assert.True(flags["EnableStateRecovery"]);
            var notification = JsonDocument.Parse(await webhook.Received.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)).RootElement;
            Assert.Equal("statecraft.rollback", notification.GetProperty("event").GetString());
            Assert.Equal("ci", notification.GetProperty("report").GetProperty("by").GetString());
            Assert.Contains("| UseStatePersistence | on (default) | off (runtime) |", await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken), StringComparison.Ordinal);
            var checks = JsonDocument.Parse(await File.ReadAllTextAsync(report + ".json", TestContext.Current.CancellationToken)).RootElement.GetProperty("checks");
            Assert.All(checks.EnumerateArray(), c => Assert.True(c.GetProperty("passed").GetBoolean(), c.ToString()));
            Assert.Contains(checks.EnumerateArray(), c => c.GetProperty("name").GetString() == "games accept commands, acknowledged MemoryOnly");

            var undo = await CliRun.RunAsync("rollback", "--undo", "--report", report + ".json", "--cluster", live.Cluster, "--json");
            Assert.True(undo.ExitCode == 0, undo.ToString());
            flags = await FlagsAsync();
            Assert.True(flags["UseStatePersistence"] && flags["EnableStateSnapshots"]);
            var listed = (await CliRun.RunAsync("flags", "list", "--cluster", live.Cluster, "--json")).Json.GetProperty("flags").EnumerateArray();
            Assert.DoesNotContain(listed, f => f.GetProperty("changedAtRuntime").GetBoolean());
        }
        finally
        {
            // Whatever failed above, the next test gets the configured flags back.
            foreach (var flag in new[] { "UseStatePersistence", "EnableStateSnapshots" })
            {
                await CliRun.RunAsync("flags", "reset", flag, "--reason", "rollback test cleanup", "--cluster", live.Cluster);
            }
        }
    }

    [Fact]
    public async Task A_rollback_silences_the_persistence_alerts_in_alertmanager_and_its_undo_removes_the_silence()
    {
        await using var alertmanager = await Testing.AlertmanagerServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        var report = Path.Combine(_folder.FullName, "silenced.md");
        try
        {
            var dryRun = await CliRun.RunAsync("rollback", "--dry-run", "--reason", "drill", "--silence-alerts", alertmanager.Url.ToString(), "--cluster", live.Cluster, "--report", Path.Combine(_folder.FullName, "silence-dry.md"));
            Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
            Assert.Empty(await SilencesAsync(http, alertmanager.Url));

            var rollback = await CliRun.RunAsync("rollback", "--reason", "alert drill", "--silence-alerts", alertmanager.Url.ToString(), "--silence-for", "1h", "--cluster", live.Cluster, "--report", report);
            Assert.True(rollback.ExitCode == 0, rollback.ToString());
            var silence = Assert.Single(await SilencesAsync(http, alertmanager.Url));
            Assert.Equal("active", silence.GetProperty("status").GetProperty("state").GetString());
            var matcher = Assert.Single(silence.GetProperty("matchers").EnumerateArray());
            Assert.Equal(("component", "persistence"), (matcher.GetProperty("name").GetString(), matcher.GetProperty("value").GetString()));

            var undo = await CliRun.RunAsync("rollback", "--undo", "--report", report + ".json", "--cluster", live.Cluster);
            Assert.True(undo.ExitCode == 0, undo.ToString());
            Assert.Equal("expired", Assert.Single(await SilencesAsync(http, alertmanager.Url)).GetProperty("status").GetProperty("state").GetString());
        }
        finally
        {
            foreach (var flag in new[] { "UseStatePersistence", "EnableStateSnapshots" })
            {
                await CliRun.RunAsync("flags", "reset", flag, "--reason", "rollback test cleanup", "--cluster", live.Cluster);
            }
        }
    }

    private static async Task<List<JsonElement>> SilencesAsync(HttpClient http, Uri alertmanager) =>
        [.. JsonDocument.Parse(await http.GetStringAsync(new Uri(alertmanager, "/api/v2/silences"), TestContext.Current.CancellationToken)).RootElement.EnumerateArray()];

    [Fact]
    public async Task Verify_passes_on_a_healthy_cluster_and_fails_with_the_reason_when_recovery_is_off()
    {
        var passed = await CliRun.RunAsync("verify", "--games", "4", "--cluster", live.Cluster, "--store", live.Store, "--json", "--report", Path.Combine(_folder.FullName, "verify.md"));
        Assert.True(passed.ExitCode == 0, passed.ToString());
        Assert.True(passed.Json.GetProperty("passed").GetBoolean());
        var games = await CliRun.RunAsync("games", "list", "--store", live.Store, "--json");
        Assert.DoesNotContain(games.Json.EnumerateArray(), g => g.GetProperty("gameId").GetString()!.StartsWith("statecraft-verify-", StringComparison.Ordinal));

        Assert.Equal(0, (await CliRun.RunAsync("flags", "set", "EnableStateRecovery", "off", "--reason", "verify drill", "--cluster", live.Cluster)).ExitCode);
        try
        {
            // Flags reach the silo within about 2 s.
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            var failed = await CliRun.RunAsync("verify", "--games", "2", "--cluster", live.Cluster, "--store", live.Store, "--json");
            Assert.Equal(1, failed.ExitCode);
            var failures = failed.Json.GetProperty("checks").EnumerateArray().Where(c => !c.GetProperty("passed").GetBoolean()).ToList();
            Assert.Contains(failures, c => c.GetProperty("detail").GetString() == "off: EnableStateRecovery");
            Assert.Contains(failures, c => c.GetProperty("name").GetString()!.StartsWith("forced out of memory", StringComparison.Ordinal));
        }
        finally
        {
            await CliRun.RunAsync("flags", "reset", "EnableStateRecovery", "--reason", "verify drill over", "--cluster", live.Cluster);
        }
    }

    private async Task<long> RevisionAsync() => (await CliRun.RunAsync("flags", "list", "--cluster", live.Cluster, "--json")).Json.GetProperty("revision").GetInt64();

    private async Task<Dictionary<string, bool>> FlagsAsync() =>
        (await CliRun.RunAsync("flags", "list", "--cluster", live.Cluster, "--json")).Json.GetProperty("flags").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("enabled").GetBoolean());

    /// <summary>A webhook receiver on a free loopback port: the first POST body.</summary>
    private sealed class Webhook : IDisposable
    {
        private readonly HttpListener _listener = new();

        public Webhook()
        {
            Url = $"http://127.0.0.1:{Testing.FreePort.Next()}/hook/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(async () =>
            {
                var request = await _listener.GetContextAsync();
                using var reader = new StreamReader(request.Request.InputStream, Encoding.UTF8);
                Received.TrySetResult(await reader.ReadToEndAsync());
                request.Response.StatusCode = 204;
                request.Response.Close();
            });
        }

        public string Url { get; }

        public TaskCompletionSource<string> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose() => _listener.Close();
    }
}
