using Microsoft.Extensions.Logging.Abstractions;
using Statecraft.Cluster.Tests.Chaos;
using Statecraft.Persistence.Redis;
using Statecraft.Testing;

namespace Statecraft.Cluster.Tests.Partition;

/// <summary>
/// Split brain: one of three silos is cut off from its peers — and, in the second case, from the store too — while
/// clients keep playing through every gateway and a client pinned to the cut-off silo keeps playing through it. The
/// other two declare it dead and activate its games again while it may still hold them. Every game must keep one
/// history (the store's version check refuses the stale activation's writes), no command acknowledged Durable may be
/// contradicted, and after the heal the cluster converges with nothing acknowledged lost.
/// </summary>
public sealed class PartitionTests
{
    /// <summary>Generous: probes fail after about 2 s and two votes declare the silo dead, but CI is a loaded 2-core machine.</summary>
    private static readonly TimeSpan DeclaredDeadWithin = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_silo_cut_off_from_its_peers_but_not_the_store_is_declared_dead_and_every_game_keeps_one_history()
    {
        await RunAsync("FailFast", cutFromStore: false);
    }

    [Fact]
    public async Task A_silo_cut_off_from_its_peers_and_the_store_gives_way_to_the_stored_history_after_the_heal()
    {
        // Degrade mode is the hard case: the cut-off silo acknowledges moves in memory only and, when the store comes
        // back, tries to store them over a history the other silos have moved on meanwhile.
        await RunAsync("Degrade", cutFromStore: true);
    }

    private static async Task RunAsync(string mode, bool cutFromStore)
    {
        await using var rig = await PartitionRig.StartAsync(mode, Ct);
        // A third of the moves go through the cut-off silo's own frontend: both sides of the partition play the same games.
        using var players = new ChaosPlayers(rig.Client, tables: 16, second: rig.PinnedClient);
        var isolated = rig.Silos[0];
        try
        {
            players.Start();
            await Task.Delay(TimeSpan.FromSeconds(5), Ct);

            var cutAt = players.Now;
            await rig.Lab.IsolateAsync(rig.SiloHosts[0], cutFromStore ? [rig.SiloHosts[1], rig.SiloHosts[2], rig.StoreHost] : [rig.SiloHosts[1], rig.SiloHosts[2]], Ct);
            Assert.True(await PartitionRig.EventuallyAsync(async () => await rig.StatusOfAsync(isolated) == SiloStatus.Dead, DeclaredDeadWithin, Ct),
                $"the cut-off silo was not declared dead within {DeclaredDeadWithin}:\n{isolated.Output}");
            var declaredDead = players.Now - cutAt;
            var exited = TimeSpan.Zero;
            if (!cutFromStore)
            {
                // It still reads the membership table: it learns it was declared dead and stops itself.
                Assert.True(await isolated.WaitForExitAsync(DeclaredDeadWithin), $"the cut-off silo did not stop after it was declared dead:\n{isolated.Output}");
                exited = players.Now - cutAt;
            }

            // Both sides play on for a while: the window where a stale activation could write.
            await Task.Delay(TimeSpan.FromSeconds(10), Ct);
            var healAt = players.Now;
            await rig.Lab.HealAsync(Ct);
            if (cutFromStore)
            {
                Assert.True(await isolated.WaitForExitAsync(DeclaredDeadWithin), $"the cut-off silo did not stop after the heal:\n{isolated.Output}");
                exited = players.Now - cutAt;
            }

            await rig.ReplaceAsync(0, Ct);
            Assert.True(await PartitionRig.EventuallyAsync(async () => (await rig.Management.GetHosts(onlyActive: true)).Count == 3, DeclaredDeadWithin, Ct),
                $"the cluster did not converge to three active silos ({rig})");
            var convergedAt = players.Now;
            await Task.Delay(TimeSpan.FromSeconds(5), Ct);
            var endAt = players.Now;
            await players.StopAsync();

            // The grain's log line for a commit the store refused because another activation had moved the game on.
            var stale = isolated.CountOutputLines("hit a concurrent write");
            var measured = $"declared dead {declaredDead.TotalSeconds:F1} s after the cut, stopped itself {exited.TotalSeconds:F1} s after it; " +
                $"{stale} stale writes refused on the cut-off silo; " +
                $"all gateways: during the cut {players.MovesBetween(cutAt, healAt)}, after the heal {players.MovesBetween(healAt, endAt)}; " +
                $"the cut-off silo's frontend: before {players.MovesBetween(TimeSpan.Zero, cutAt, throughSecond: true)}, during the cut {players.MovesBetween(cutAt, healAt, throughSecond: true)}, after the heal {players.MovesBetween(healAt, endAt, throughSecond: true)}; " +
                $"converged {(convergedAt - healAt).TotalSeconds:F1} s after the heal";
            await AuditAsync(rig, players, journalContiguous: !cutFromStore, measured);
        }
        finally
        {
            await players.StopAsync();
        }
    }

    private static async Task AuditAsync(PartitionRig rig, ChaosPlayers players, bool journalContiguous, string measured)
    {
        await using var store = new RedisGameStore(new RedisStoreOptions { ConnectionString = rig.Redis.ConnectionString }, NullLogger<RedisGameStore>.Instance);
        await store.InitializeAsync(Ct);
        // In Degrade mode a game that caught up stores its memory-only moves as a snapshot, not as events.
        var problems = journalContiguous ? await players.Acknowledgements.FindLossesAsync(store, Ct) : [];
        problems.AddRange(await players.Audit.FindProblemsAsync(store, rig.Client, Ct));
        problems.AddRange(players.ReplayProblems);
        var summary = $"{measured}; acknowledged durable {players.Audit.Durable}, memory only {players.Audit.MemoryOnly}, " +
            $"replays checked {players.Replays} ({players.TentativeReplays} answered MemoryOnly by the cut-off silo), {problems.Count} problems";
        FailoverReport.Append(TestContext.Current.Test?.TestDisplayName ?? nameof(PartitionTests), summary);
        Assert.True(problems.Count == 0, $"{string.Join('\n', problems.Take(20))}\n{summary}");
        Assert.True(players.Audit.Durable > 100, summary);
    }
}
