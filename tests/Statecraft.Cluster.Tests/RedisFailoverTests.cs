using Microsoft.Extensions.Logging.Abstractions;
using Statecraft.Persistence.Redis;
using Statecraft.Testing;

namespace Statecraft.Cluster.Tests;

public sealed class RedisFailoverTests
{
    [Fact]
    public async Task Killing_one_of_three_silos_loses_no_acknowledged_command_and_every_game_answers_again()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await ClusterRig.StartAsync(3, ["--Statecraft:Storage=Redis"], ct);
        await using var load = rig.StartLoadGenerator(TimeSpan.FromSeconds(20));
        var scenario = new FailoverScenario(rig, games: 24);

        var (worst, beforeKill, afterKill) = await scenario.RunAsync(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), ct);
        var summary = $"acknowledged {beforeKill} before and {afterKill} after the kill; slowest game answered {worst.TotalMilliseconds:F0} ms after it; " +
            $"errors: {string.Join(", ", scenario.Errors.Select(e => $"{e.Key}={e.Value}"))}; outcomes: {string.Join(", ", scenario.Outcomes.Select(e => $"{e.Key}={e.Value}"))}";
        TestContext.Current.SendDiagnosticMessage(summary);
        FailoverReport.Append(nameof(RedisFailoverTests), summary);

        // Bounds that catch a stall or a hang, not a slow machine: failover takes about 2 s here and 4 s on a loaded
        // 2-core machine; the measured figures go to docs/benchmarks.md.
        Assert.True(beforeKill > 10, $"only {beforeKill} commands were acknowledged before the kill; {summary}");
        Assert.True(afterKill > 10, $"only {afterKill} commands were acknowledged after the kill; {summary}");
        Assert.True(worst <= FailoverBounds.EveryGameAnswersWithin, summary);

        await using var store = new RedisGameStore(new RedisStoreOptions { ConnectionString = rig.Redis.ConnectionString }, NullLogger<RedisGameStore>.Instance);
        await store.InitializeAsync(ct);
        var losses = await scenario.FindLossesAsync(store, ct);
        Assert.True(losses.Count == 0, string.Join('\n', losses.Take(20)));
    }
}
