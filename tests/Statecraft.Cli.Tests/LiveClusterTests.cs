using System.Text.Json;
using Statecraft.Abstractions.Grains;
using Statecraft.Engine.Rulesets.TicTacToe;

namespace Statecraft.Cli.Tests;

/// <summary>Every command against a real silo process and its SQLite store.</summary>
[Collection(LiveSilos.Name)]
public sealed class LiveClusterTests(LiveSilo live) : IClassFixture<LiveSilo>
{
    private static readonly TimeSpan ReportWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Status_shows_the_silo_its_report_the_flags_and_the_store_and_says_healthy()
    {
        JsonElement status = default;
        CliRun run = null!;
        // The silo reports itself every 5 s; the first report may not be there yet.
        var deadline = DateTime.UtcNow + ReportWait;
        do
        {
            run = await CliRun.RunAsync("status", "--cluster", live.Cluster, "--store", live.Store, "--json");
            status = run.Json;
        }
        while (status.GetProperty("silos")[0].GetProperty("report").ValueKind == JsonValueKind.Null && DateTime.UtcNow < deadline && await Delay());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Healthy", status.GetProperty("health").GetString());
        var silo = Assert.Single(status.GetProperty("silos").EnumerateArray());
        Assert.Equal("Active", silo.GetProperty("status").GetString());
        var report = silo.GetProperty("report");
        Assert.Equal("Closed", report.GetProperty("circuit").GetString());
        Assert.Equal("sqlite", report.GetProperty("store").GetString());
        Assert.Equal(live.Silo.BaseAddress.ToString().TrimEnd('/'), report.GetProperty("httpUrl").GetString());
        Assert.True(status.GetProperty("store").GetProperty("reachable").GetBoolean());
        Assert.True(status.GetProperty("flags").GetProperty("values").GetProperty("UseStatePersistence").GetString() == "on");

        var table = await CliRun.RunAsync("status", "--cluster", live.Cluster);
        Assert.Contains("HEALTHY", table.Output, StringComparison.Ordinal);
        Assert.Contains("sqlite Closed", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flag_change_is_applied_audited_reflected_in_status_and_reset()
    {
        var set = await CliRun.RunAsync("flags", "set", "EnableStateSnapshots", "off", "--reason", "cli test", "--by", "ci", "--cluster", live.Cluster, "--json");
        Assert.True(set.ExitCode == 0, set.ToString());
        var flag = set.Json.GetProperty("flags").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "EnableStateSnapshots");
        Assert.False(flag.GetProperty("enabled").GetBoolean());
        Assert.True(flag.GetProperty("changedAtRuntime").GetBoolean());

        var audit = await CliRun.RunAsync("flags", "audit", "--limit", "5", "--cluster", live.Cluster, "--json");
        var entry = audit.Json.EnumerateArray().First();
        Assert.Equal(("EnableStateSnapshots", "ci", "cli test"), (entry.GetProperty("flag").GetString(), entry.GetProperty("changedBy").GetString(), entry.GetProperty("reason").GetString()));

        var degraded = await CliRun.RunAsync("status", "--cluster", live.Cluster, "--json");
        Assert.Equal(4, degraded.ExitCode);
        Assert.Contains(degraded.Json.GetProperty("problems").EnumerateArray(), p => p.GetString() == "flag EnableStateSnapshots is off");

        var reset = await CliRun.RunAsync("flags", "reset", "EnableStateSnapshots", "--reason", "cli test done", "--cluster", live.Cluster);
        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.Contains("configured default", reset.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_flag_change_exits_1_with_the_reason_and_changes_nothing()
    {
        var before = (await CliRun.RunAsync("flags", "list", "--cluster", live.Cluster, "--json")).Json.GetProperty("revision").GetInt64();

        var run = await CliRun.RunAsync("flags", "set", "NoSuchFlag", "on", "--reason", "typo", "--cluster", live.Cluster);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("The change was refused", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, (await CliRun.RunAsync("flags", "list", "--cluster", live.Cluster, "--json")).Json.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Games_are_listed_shown_now_and_at_an_earlier_version_their_history_decoded_and_evicted()
    {
        var gameId = $"cli-{Guid.NewGuid():N}";
        var game = live.Client.Game(gameId);
        Assert.True((await game.CreateAsync("x", TicTacToeRules.RulesetId)).Accepted);
        Assert.True((await game.JoinAsync("x")).Accepted);
        Assert.True((await game.JoinAsync("o")).Accepted);
        Assert.True((await game.StartAsync("x")).Accepted);
        var moved = await game.MoveAsync("x", TicTacToeRules.Place(4));
        Assert.Equal(Durability.Durable, moved.Durability);

        var list = await CliRun.RunAsync("games", "list", "--store", live.Store, "--ruleset", TicTacToeRules.RulesetId, "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(list.Json.EnumerateArray(), g => g.GetProperty("gameId").GetString() == gameId && g.GetProperty("version").GetInt64() == moved.Version);

        var now = await CliRun.RunAsync("games", "show", gameId, "--cluster", live.Cluster, "--json");
        Assert.True(now.ExitCode == 0, now.ToString());
        Assert.Equal(moved.Version, now.Json.GetProperty("version").GetInt64());
        Assert.Equal("o", now.Json.GetProperty("turn").GetString());

        var before = await CliRun.RunAsync("games", "show", gameId, "--at-version", (moved.Version - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "--store", live.Store, "--json");
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Equal(moved.Version - 1, before.Json.GetProperty("version").GetInt64());
        Assert.Equal("x", before.Json.GetProperty("turn").GetString());

        var future = await CliRun.RunAsync("games", "show", gameId, "--at-version", "999", "--store", live.Store);
        Assert.Equal(1, future.ExitCode);
        Assert.Contains($"is at version {moved.Version}", future.Error, StringComparison.Ordinal);

        var history = await CliRun.RunAsync("games", "history", gameId, "--store", live.Store, "--json");
        Assert.True(history.ExitCode == 0, history.ToString());
        var events = history.Json.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, (int)moved.Version).Select(v => (long)v), events.Select(e => e.GetProperty("version").GetInt64()));

        var evict = await CliRun.RunAsync("games", "evict", gameId, "--cluster", live.Cluster);
        Assert.True(evict.ExitCode == 0, evict.ToString());
        Assert.Equal(moved.Version, (await game.GetViewAsync(null)).View!.Version);

        var missing = await CliRun.RunAsync("games", "history", "no-such-game", "--store", live.Store);
        Assert.Equal(1, missing.ExitCode);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(500);
        return true;
    }
}
