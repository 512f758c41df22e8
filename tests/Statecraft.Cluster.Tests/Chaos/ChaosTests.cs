using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Statecraft.Persistence.Redis;
using Statecraft.Testing;

namespace Statecraft.Cluster.Tests.Chaos;

/// <summary>
/// Three silos on Redis under the load generator and the chaos players: a random silo is killed with no warning every
/// 20 s and replaced 5 s later (<c>STATECRAFT_CHAOS_DURATION</c>, default 90 s; the long run is recorded in
/// docs/benchmarks.md), and a rolling restart replaces every silo with SIGTERM, as Kubernetes does on a deploy.
/// </summary>
public sealed partial class ChaosTests
{
    private static readonly TimeSpan KillEvery = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RestartAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Horizon = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killing_a_random_silo_every_20_seconds_loses_no_acknowledged_command()
    {
        var duration = Duration();
        await using var rig = await ClusterRig.StartAsync(3, ["--Statecraft:Storage=Redis"], Ct);
        await using var load = rig.StartLoadGenerator(duration + TimeSpan.FromSeconds(5));
        using var players = new ChaosPlayers(rig.Client, tables: 12);
        var replacements = new List<SiloProcess>();
        var kills = new List<(TimeSpan At, int InFlight)>();
        try
        {
            players.Start();
            var live = rig.Silos.ToList();
            var random = new Random(20261130);
            var end = players.Now + duration;
            while (players.Now + KillEvery <= end)
            {
                await Task.Delay(KillEvery - RestartAfter, Ct);
                var victim = live[random.Next(live.Count)];
                var killedAt = players.Now;
                victim.Kill();
                live.Remove(victim);
                await Task.Delay(RestartAfter, Ct);
                kills.Add((killedAt, players.InFlightAt(killedAt)));
                var replacement = await rig.AddSiloAsync(Ct);
                replacements.Add(replacement);
                live.Add(replacement);
            }

            await Task.Delay(end - players.Now is { Ticks: > 0 } rest ? rest : TimeSpan.Zero, Ct);
            // Leave the last replacement time to join before the audit reads every game through the cluster.
            await Task.Delay(TimeSpan.FromSeconds(5), Ct);
            await players.StopAsync();
            var loadReport = await LoadReportAsync(load);
            var silences = kills.Select(k => (k.At, k.InFlight, Silence: players.LongestSilenceAfter(k.At, Horizon))).ToList();
            await AuditAsync(rig, players, $"{kills.Count} kills in {duration.TotalSeconds:F0} s; " +
                $"longest silence per kill: {string.Join(", ", silences.Select(s => $"{s.Silence.TotalMilliseconds:F0} ms ({s.InFlight} calls in flight)"))}; load generator: {loadReport}");
            Assert.NotEmpty(kills);
            Assert.All(silences, s => Assert.True(s.Silence <= FailoverBounds.EveryGameAnswersWithin, $"a table was silent {s.Silence} after the kill at {s.At}"));
        }
        finally
        {
            await players.StopAsync();
            foreach (var replacement in replacements)
            {
                await replacement.DisposeAsync();
            }
        }
    }

    /// <summary>The load generator's own count of durable acknowledgements and errors: proof the extra load ran.</summary>
    private static async Task<string> LoadReportAsync(ServerProcess load)
    {
        Assert.True(await load.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"the load generator did not finish:\n{load.Output}");
        var durable = LoadLine().Match(load.Output);
        Assert.True(durable.Success, $"the load generator printed no report (exit code {load.ExitCode}):\n{load.Output}");
        return $"{durable.Groups[1].Value} durable, {ErrorLine().Match(load.Output).Groups[1].Value} errors";
    }

    [Fact]
    public async Task A_rolling_restart_under_load_loses_nothing_and_writes_final_snapshots()
    {
        await using var rig = await ClusterRig.StartAsync(3, ["--Statecraft:Storage=Redis"], Ct);
        using var players = new ChaosPlayers(rig.Client, tables: 12);
        var replacements = new List<SiloProcess>();
        var finalSnapshots = new List<int>();
        var stops = new List<(TimeSpan At, TimeSpan Took)>();
        try
        {
            players.Start();
            await Task.Delay(TimeSpan.FromSeconds(5), Ct);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            foreach (var silo in rig.Silos.ToList())
            {
                // Kubernetes' order on a deploy: the new pod becomes ready, then the old one gets SIGTERM.
                var replacement = await rig.AddSiloAsync(Ct);
                replacements.Add(replacement);
                await replacement.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120), Ct);
                var stopping = players.Now;
                Assert.True(await silo.StopGracefullyAsync(TimeSpan.FromSeconds(45)), $"the silo did not stop within 45 s of SIGTERM:\n{silo.Output}");
                stops.Add((stopping, players.Now - stopping));
                Assert.Equal(0, silo.ExitCode);
                finalSnapshots.Add(FinalSnapshots(silo.Output));
                await Task.Delay(TimeSpan.FromSeconds(3), Ct);
            }

            await Task.Delay(TimeSpan.FromSeconds(3), Ct);
            await players.StopAsync();
            var silences = stops.Select(s => players.LongestSilenceAfter(s.At, Horizon)).ToList();
            await AuditAsync(rig, players, $"silos stopped in {string.Join(", ", stops.Select(s => $"{s.Took.TotalMilliseconds:F0} ms"))}; " +
                $"final snapshots written {string.Join(", ", finalSnapshots)}; longest silence per stop: {string.Join(", ", silences.Select(s => $"{s.TotalMilliseconds:F0} ms"))}");
            Assert.Contains(finalSnapshots, count => count > 0);
            Assert.All(silences, s => Assert.True(s <= FailoverBounds.EveryGameAnswersWithin, $"a table was silent {s}"));
        }
        finally
        {
            await players.StopAsync();
            foreach (var replacement in replacements)
            {
                await replacement.DisposeAsync();
            }
        }
    }

    private static async Task AuditAsync(ClusterRig rig, ChaosPlayers players, string measured)
    {
        await using var store = new RedisGameStore(new RedisStoreOptions { ConnectionString = rig.Redis.ConnectionString }, NullLogger<RedisGameStore>.Instance);
        await store.InitializeAsync(Ct);
        var losses = await players.Acknowledgements.FindLossesAsync(store, Ct);
        var problems = await players.Audit.FindProblemsAsync(store, rig.Client, Ct);
        var summary = $"{measured}; acknowledged {players.Acknowledgements.Count} durable, {players.Replays} replays checked " +
            $"({players.ReplayProblems.Count} wrong), {losses.Count} losses, {problems.Count} audit problems; errors after the library's retries: {players.Errors}";
        FailoverReport.Append(TestContext.Current.Test?.TestDisplayName ?? nameof(ChaosTests), summary);
        Assert.True(losses.Count == 0, $"{string.Join('\n', losses.Take(20))}\n{summary}");
        Assert.True(problems.Count == 0, $"{string.Join('\n', problems.Take(20))}\n{summary}");
        Assert.True(players.ReplayProblems.Count == 0, $"{string.Join('\n', players.ReplayProblems.Take(20))}\n{summary}");
        Assert.True(players.Acknowledgements.Count > 100 && players.Replays > 5, summary);
    }

    private static int FinalSnapshots(string output) =>
        FinalSnapshotLine().Match(output) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;

    /// <summary><c>STATECRAFT_CHAOS_DURATION</c> as <c>90s</c>, <c>5m</c> or a TimeSpan; 90 s by default (the CI run).</summary>
    private static TimeSpan Duration()
    {
        var text = Environment.GetEnvironmentVariable("STATECRAFT_CHAOS_DURATION");
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.FromSeconds(90);
        }

        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(int.Parse(text[..^1], CultureInfo.InvariantCulture)),
            'm' => TimeSpan.FromMinutes(int.Parse(text[..^1], CultureInfo.InvariantCulture)),
            _ => TimeSpan.Parse(text, CultureInfo.InvariantCulture),
        };
    }

    [GeneratedRegex(@"(\d+) final snapshots written")]
    private static partial Regex FinalSnapshotLine();

    [GeneratedRegex(@"accepted, durable\s*\|\s*(\d+)")]
    private static partial Regex LoadLine();

    [GeneratedRegex(@"\|\s*errors\s*\|\s*(\d+)")]
    private static partial Regex ErrorLine();
}
