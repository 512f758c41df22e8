using Statecraft.Abstractions.Flags;
using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Operations;
using Statecraft.Client;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Grains.Tests.Cluster;

namespace Statecraft.Grains.Tests.Games;

/// <summary>Recovery through real silo failures on a cluster of its own (these tests kill silos and flip flags).</summary>
public sealed class RecoveryTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Games_answer_with_exactly_the_acknowledged_state_after_a_silo_is_killed_and_another_stopped()
    {
        var cluster = fixture.Cluster;
        var client = fixture.Client;
        // Enough games that some live on each silo; placement is the cluster's choice.
        var games = new List<GameHandle>();
        for (var i = 0; i < 12; i++)
        {
            var ruleset = i % 2 == 0 ? TicTacToeRules.RulesetId : OhHellRules.RulesetId;
            var players = ruleset == TicTacToeRules.RulesetId ? new[] { "x", "o" } : ["a", "b", "c"];
            var game = await Bots.SeatAsync(client, $"kill-{i}-{Guid.NewGuid():N}", ruleset, players, ruleset == OhHellRules.RulesetId ? GameOptions.With((OhHellConfig.HandSizesKey, "4,3")) : null);
            await Bots.PlayAsync(game, 3, seed: i);
            games.Add(game);
        }

        var acknowledged = await ViewsAsync(games);
        await cluster.KillSiloAsync(cluster.SecondarySilos[0]);
        Assert.Equal(acknowledged, await ViewsAsync(games));

        await cluster.StartAdditionalSiloAsync();
        foreach (var game in games)
        {
            await Bots.PlayAsync(game, 2, seed: 99);
        }

        acknowledged = await ViewsAsync(games);
        await cluster.StopSiloAsync(cluster.SecondarySilos[0]);
        Assert.Equal(acknowledged, await ViewsAsync(games));
        await cluster.StartAdditionalSiloAsync();
    }

    [Fact]
    public async Task A_damaged_newest_snapshot_is_skipped_and_the_game_recovers_from_an_older_one()
    {
        var game = await Bots.SeatAsync(fixture.Client, $"corrupt-{Guid.NewGuid():N}", OhHellRules.RulesetId, ["a", "b", "c"]);
        await Bots.PlayAsync(game, 40, seed: 5);
        var before = (await game.GetViewAsync(null, cancellationToken: Ct)).View!;
        await EvictAsync(game.GameId);

        var snapshots = await SharedStore.Instance.ListSnapshotVersionsAsync(game.GameId, Ct);
        Assert.True(snapshots.Count >= 2, $"expected several snapshots, found {snapshots.Count}");
        SharedStore.Instance.CorruptSnapshot(game.GameId, snapshots[^1]);

        var after = (await game.GetViewAsync(null, cancellationToken: Ct)).View!;
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Details, after.Details);
        Bots.AssertAccepted((await Bots.PlayAsync(game, 1, seed: 6))[0]);
    }

    [Fact]
    public async Task With_recovery_off_a_stored_game_is_never_overwritten_by_a_fresh_one()
    {
        var game = await Bots.SeatAsync(fixture.Client, $"norecovery-{Guid.NewGuid():N}", TicTacToeRules.RulesetId, ["x", "o"]);
        await Bots.PlayAsync(game, 2, seed: 7);
        var stored = (await SharedStore.Instance.LoadAsync(game.GameId, cancellationToken: Ct))!.Version;
        await EvictAsync(game.GameId);

        await Cluster.Flags.SetAsync(fixture.Cluster, FlagNames.EnableStateRecovery, false);
        try
        {
            var again = await game.CreateAsync("mallory", TicTacToeRules.RulesetId);
            Assert.False(again.Accepted);
            Assert.Equal(RejectionCode.StoredHistoryExists, again.Rejection!.Code);
            Assert.Equal(stored, (await SharedStore.Instance.LoadAsync(game.GameId, cancellationToken: Ct))!.Version);
            await EvictAsync(game.GameId);
        }
        finally
        {
            await Cluster.Flags.SetAsync(fixture.Cluster, FlagNames.EnableStateRecovery, true);
        }

        var recovered = await game.GetViewAsync("x", cancellationToken: Ct);
        Assert.Equal(stored, recovered.Version);
        Assert.Equal(["x", "o"], recovered.View!.Players);
    }

    private async Task EvictAsync(string gameId)
    {
        await fixture.Cluster.GrainFactory.GetGrain<IGameGrainControl>(gameId).Evict();
        await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
    }

    private static async Task<List<(long Version, string Details)>> ViewsAsync(List<GameHandle> games)
    {
        var views = new List<(long, string)>();
        foreach (var game in games)
        {
            var view = (await game.GetViewAsync(null)).View!;
            views.Add((view.Version, view.Details));
        }

        return views;
    }
}
