using Statecraft.Abstractions.Games;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Grains.Tests.Cluster;

namespace Statecraft.Grains.Tests.Games;

/// <summary>A decision that would break an invariant (a rules defect) is refused and never stored.</summary>
public sealed class InvariantTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_move_that_breaks_an_invariant_is_refused_and_nothing_is_stored()
    {
        var game = await Bots.SeatAsync(fixture.Client, $"faulty-{Guid.NewGuid():N}", FaultyRuleset.RulesetId, ["x", "o"]);
        var before = await game.GetViewAsync(null, cancellationToken: Ct);
        var storedBefore = (await SharedStore.Instance.LoadAsync(game.GameId, cancellationToken: Ct))!.Version;

        var cheat = await game.MoveAsync("x", FaultyRuleset.Cheat);

        Assert.Equal(RejectionCode.InvariantViolated, cheat.Rejection?.Code);
        Assert.Contains("ttt-alternation", cheat.Rejection!.Message, StringComparison.Ordinal);
        Assert.Equal(before.Version, (await game.GetViewAsync(null, cancellationToken: Ct)).Version);
        Assert.Equal(storedBefore, (await SharedStore.Instance.LoadAsync(game.GameId, cancellationToken: Ct))!.Version);
        // The game is intact and plays on.
        Assert.True((await game.MoveAsync("x", TicTacToeRules.Place(4))).Accepted);
    }
}
