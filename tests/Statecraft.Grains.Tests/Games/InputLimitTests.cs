using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Grains.Games;
using Statecraft.Grains.Tests.Cluster;

namespace Statecraft.Grains.Tests.Games;

/// <summary>
/// Bad input through the public grain interface gets a typed, bounded refusal and changes nothing: no oversized key
/// reaches the store, no control characters reach the journal, no client can hold unbounded memory in a game.
/// </summary>
public sealed class InputLimitTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> BadGameIds() =>
    [
        new string('g', 1_000_000),
        new string('g', GameLimits.MaxGameIdLength + 1),
        "has space",
        "nul\0inside",
        "{hash-tag}",
        "slash/inside",
    ];

    [Theory]
    [MemberData(nameof(BadGameIds))]
    public async Task Invalid_game_ids_are_refused_without_touching_storage_or_keeping_an_activation(string gameId)
    {
        var game = fixture.Client.Game(gameId);

        var created = await game.CreateAsync("x", TicTacToeRules.RulesetId);
        var refused = await Assert.ThrowsAsync<GameRequestRefusedException>(() => game.GetViewAsync(null, cancellationToken: Ct));

        Assert.Equal(RejectionCode.InvalidGameId, created.Rejection?.Code);
        Assert.Equal(RejectionCode.InvalidGameId, refused.Code);
        Assert.True(created.Rejection!.Message.Length < 300, "the id must not be echoed in full");
        Assert.Null(await SharedStore.Instance.LoadAsync(gameId, cancellationToken: Ct));
        await WaitUntilNotActiveAsync(gameId);
    }

    [Fact]
    public async Task A_command_on_a_game_that_was_never_created_leaves_no_activation_behind()
    {
        var gameId = $"never-{Guid.NewGuid():N}";

        var result = await fixture.Client.Game(gameId).JoinAsync("x");

        Assert.Equal(RejectionCode.GameNotFound, result.Rejection?.Code);
        await WaitUntilNotActiveAsync(gameId);
    }

    [Theory]
    [InlineData("nul\0player")]
    [InlineData("tab\tplayer")]
    [InlineData("bell\u0007")]
    [InlineData("zero\u200Bwidth")]
    [InlineData("   ")]
    public async Task Player_ids_with_control_characters_or_blank_are_refused(string playerId)
    {
        var game = fixture.Client.Game($"players-{Guid.NewGuid():N}");
        Assert.True((await game.CreateAsync("host", TicTacToeRules.RulesetId)).Accepted);

        var joined = await game.JoinAsync(playerId);
        var subscribe = await Assert.ThrowsAsync<GameRequestRefusedException>(() => game.Grain.Subscribe(playerId, new NullObserverReference(fixture).Reference));

        Assert.Equal(RejectionCode.InvalidPlayerId, joined.Rejection?.Code);
        Assert.Equal(RejectionCode.InvalidPlayerId, subscribe.Code);
        Assert.Empty((await game.GetViewAsync(null, cancellationToken: Ct)).View!.Players);
    }

    [Fact]
    public async Task A_huge_player_id_on_a_subscription_is_refused()
    {
        var game = fixture.Client.Game($"subs-{Guid.NewGuid():N}");
        Assert.True((await game.CreateAsync("host", TicTacToeRules.RulesetId)).Accepted);

        var refused = await Assert.ThrowsAsync<GameRequestRefusedException>(
            () => game.Grain.Subscribe(new string('p', 1_000_000), new NullObserverReference(fixture).Reference));

        Assert.Equal(RejectionCode.InvalidPlayerId, refused.Code);
        Assert.True(refused.Message.Length < 300);
    }

    [Fact]
    public async Task Subscriptions_per_game_are_capped_and_renewals_still_succeed()
    {
        var game = fixture.Client.Game($"cap-{Guid.NewGuid():N}");
        Assert.True((await game.CreateAsync("host", TicTacToeRules.RulesetId)).Accepted);
        var observers = Enumerable.Range(0, GameLimits.MaxSubscriptionsPerGame).Select(_ => new NullObserverReference(fixture)).ToList();
        foreach (var observer in observers)
        {
            await game.Grain.Subscribe("spectator", observer.Reference);
        }

        var refused = await Assert.ThrowsAsync<GameRequestRefusedException>(() => game.Grain.Subscribe("spectator", new NullObserverReference(fixture).Reference));
        await game.Grain.Subscribe("spectator", observers[0].Reference);

        Assert.Equal(RejectionCode.TooManySubscriptions, refused.Code);
    }

    [Fact]
    public async Task Turn_timeouts_below_the_minimum_are_refused()
    {
        var game = fixture.Client.Game($"tick-{Guid.NewGuid():N}");

        var result = await game.CreateAsync("x", TicTacToeRules.RulesetId, new GameOptions { TurnTimeout = TimeSpan.FromTicks(1) });

        Assert.Equal(RejectionCode.InvalidOptions, result.Rejection?.Code);
        Assert.Null(await SharedStore.Instance.LoadAsync(game.GameId, cancellationToken: Ct));
    }

    private async Task WaitUntilNotActiveAsync(string gameId) =>
        await GameGrainTests.WaitUntilAsync(
            () => fixture.Cluster.Silos.All(silo => !Silos.Service<ActiveGames>(silo).Contains(gameId)),
            TimeSpan.FromSeconds(10));
}
