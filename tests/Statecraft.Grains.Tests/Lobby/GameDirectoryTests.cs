using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Lobby;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Grains.Tests.Cluster;

namespace Statecraft.Grains.Tests.Lobby;

/// <summary>The lobby through the grains: games list themselves as they are created, seat players, start and end.</summary>
public sealed class GameDirectoryTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Games_appear_in_the_lobby_as_they_are_created_joined_started_and_finished()
    {
        var prefix = $"lobby-{Guid.NewGuid():N}";
        var open = fixture.Client.Game($"{prefix}-open");
        Assert.True((await open.CreateAsync("ann", TicTacToeRules.RulesetId, cancellationToken: Ct)).Accepted);
        Assert.True((await open.JoinAsync("ann", cancellationToken: Ct)).Accepted);
        var running = await Bots.SeatAsync(fixture.Client, $"{prefix}-running", TicTacToeRules.RulesetId, ["x", "o"]);
        var finished = await Bots.SeatAsync(fixture.Client, $"{prefix}-finished", TicTacToeRules.RulesetId, ["x", "o"]);
        await Bots.PlayAsync(finished, 50, seed: 3);

        var listings = await WaitForAsync(prefix, l => l.Count == 3 && l.Any(g => g.Phase.IsTerminal));
        var byId = listings.ToDictionary(l => l.GameId);
        Assert.Equal(GamePhase.Lobby, byId[open.GameId].Phase);
        Assert.True(byId[open.GameId].IsOpen);
        Assert.Equal(["ann"], byId[open.GameId].Players);
        Assert.Equal(GamePhase.Playing, byId[running.GameId].Phase);
        Assert.Equal(["x", "o"], byId[running.GameId].Players);
        Assert.Equal(GamePhase.Finished, byId[finished.GameId].Phase);
        Assert.All(listings, l => Assert.Equal(TicTacToeRules.RulesetId, l.RulesetId));

        // A second seat shows up; a game that was never created does not.
        Assert.True((await open.JoinAsync("bob", cancellationToken: Ct)).Accepted);
        Assert.False((await fixture.Client.Game($"{prefix}-ghost").JoinAsync("eve", cancellationToken: Ct)).Accepted);
        listings = await WaitForAsync(prefix, l => l.Any(g => g.GameId == open.GameId && g.Players.Length == 2));
        Assert.DoesNotContain(listings, l => l.GameId.EndsWith("-ghost", StringComparison.Ordinal));
    }

    private async Task<IReadOnlyList<GameListing>> WaitForAsync(string prefix, Func<IReadOnlyList<GameListing>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var listings = (await fixture.Client.ListGamesAsync(Ct)).Where(l => l.GameId.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (done(listings) || DateTime.UtcNow > deadline)
            {
                return listings;
            }

            await Task.Delay(100, Ct);
        }
    }
}
