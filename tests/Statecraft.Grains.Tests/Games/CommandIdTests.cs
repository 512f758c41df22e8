using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.Abstractions.Operations;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Grains.Games;
using Statecraft.Grains.Tests.Cluster;

namespace Statecraft.Grains.Tests.Games;

/// <summary>
/// Command ids are idempotency keys: the same id with the same command is a retry, the same id with another command
/// is refused, and the ids the cluster issues for its own commands (turn timers) cannot be taken by a client.
/// </summary>
public sealed class CommandIdTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reused_command_id_with_a_different_command_is_refused_before_and_after_reactivation()
    {
        var game = fixture.Client.Game($"reuse-{Guid.NewGuid():N}");
        Assert.True((await game.CreateAsync("x", TicTacToeRules.RulesetId)).Accepted);
        var id = Guid.NewGuid();
        var joined = await game.JoinAsync("x", id);

        await AssertRefusedAsync(game.JoinAsync("o", id));
        await AssertRefusedAsync(game.AbandonAsync("x", "gone", id));
        var retry = await game.JoinAsync("x", id);
        Assert.True(retry.Accepted && retry.IsReplay);
        Assert.Equal(joined.Version, retry.Version);

        // After reactivation the window is rebuilt from storage, fingerprints included.
        await EvictAsync(game.GameId);
        await AssertRefusedAsync(game.JoinAsync("o", id));
        Assert.True((await game.JoinAsync("x", id)).IsReplay);
        Assert.Equal(["x"], (await game.GetViewAsync(null, cancellationToken: Ct)).View!.Players);
        Assert.Equal(joined.Version, (await SharedStore.Instance.LoadAsync(game.GameId, cancellationToken: Ct))!.Version);
    }

    [Fact]
    public async Task A_reused_command_id_is_refused_when_the_window_comes_from_a_snapshot()
    {
        var game = await Bots.SeatAsync(fixture.Client, $"reuse-snap-{Guid.NewGuid():N}", TicTacToeRules.RulesetId, ["x", "o"]);
        var id = Guid.NewGuid();
        Assert.True((await game.MoveAsync("x", TicTacToeRules.Place(0), id)).Accepted);
        // The test silos snapshot every 10 events; a few more moves put the command into a snapshot's window.
        foreach (var (player, cell) in new[] { ("o", 3), ("x", 1), ("o", 4), ("x", 6), ("o", 8), ("x", 7) })
        {
            Assert.True((await game.MoveAsync(player, TicTacToeRules.Place(cell))).Accepted);
        }

        Assert.NotEmpty(await SharedStore.Instance.ListSnapshotVersionsAsync(game.GameId, Ct));
        await EvictAsync(game.GameId);

        await AssertRefusedAsync(game.MoveAsync("x", TicTacToeRules.Place(2), id));
        Assert.True((await game.MoveAsync("x", TicTacToeRules.Place(0), id)).IsReplay);
    }

    [Fact]
    public async Task A_client_cannot_take_a_turn_timers_command_id()
    {
        var game = await Bots.SeatAsync(fixture.Client, $"timer-id-{Guid.NewGuid():N}", TicTacToeRules.RulesetId, ["x", "o"],
            new GameOptions { TurnTimeout = TimeSpan.FromSeconds(1) });
        var version = (await game.GetViewAsync(null, cancellationToken: Ct)).Version;

        // The id the timer will use once x has moved (o's turn): sending it now would have made o's timeout a "replay".
        var stolen = CommandIds.ForCluster($"turn-timeout:{game.GameId}:{version + 1}");
        var refused = await game.MoveAsync("x", TicTacToeRules.Place(4), stolen);

        Assert.Equal(RejectionCode.ReservedCommandId, refused.Rejection?.Code);
        Assert.Equal(version, (await game.GetViewAsync(null, cancellationToken: Ct)).Version);
        Assert.True((await game.MoveAsync("x", TicTacToeRules.Place(4))).Accepted);
        // o never moves: the timer plays for o, and keeps playing turn after turn.
        await GameGrainTests.WaitUntilAsync(async () => (await game.GetViewAsync(null, cancellationToken: Ct)).Version >= version + 3, TimeSpan.FromSeconds(15));
    }

    private static async Task AssertRefusedAsync(Task<CommandResult> call)
    {
        var result = await call;
        Assert.False(result.Accepted, $"expected CommandIdReused, got {result}");
        Assert.Equal(RejectionCode.CommandIdReused, result.Rejection!.Code);
    }

    private async Task EvictAsync(string gameId)
    {
        await fixture.Cluster.GrainFactory.GetGrain<IGameGrainControl>(gameId).Evict();
        await GameGrainTests.WaitUntilAsync(() => fixture.Cluster.Silos.All(silo => !Silos.Service<ActiveGames>(silo).Contains(gameId)), TimeSpan.FromSeconds(10));
    }
}
