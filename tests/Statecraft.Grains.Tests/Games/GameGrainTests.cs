using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.Abstractions.Operations;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Grains.Tests.Cluster;

namespace Statecraft.Grains.Tests.Games;

public sealed class GameGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    [Theory]
    [InlineData(TicTacToeRules.RulesetId, 2)]
    [InlineData(OhHellRules.RulesetId, 4)]
    public async Task A_game_of_each_ruleset_plays_to_the_end_through_the_grain(string ruleset, int players)
    {
        var options = ruleset == OhHellRules.RulesetId ? GameOptions.With((OhHellConfig.HandSizesKey, "3,2,1")) : GameOptions.Default;
        var game = await Bots.SeatAsync(fixture.Client, NewId(ruleset), ruleset, [.. Enumerable.Range(0, players).Select(i => $"p{i}")], options);
        var results = await Bots.PlayAsync(game, 500, seed: 1);

        var view = (await game.GetViewAsync("p0", cancellationToken: Ct)).View!;
        Assert.Equal(GamePhase.Finished, view.Phase);
        Assert.NotNull(view.Result);
        Assert.All(results, r => Assert.Equal(Durability.Durable, r.Durability));
        Assert.Equal(results[^1].Version, view.Version);
        var stored = await SharedStore.Instance.LoadAsync(game.GameId, cancellationToken: Ct);
        Assert.Equal(view.Version, stored!.Version);
        Assert.True(stored.Header.IsFinished);
    }

    [Fact]
    public async Task A_retried_command_is_applied_once_and_still_recognised_after_reactivation()
    {
        var game = await Bots.SeatAsync(fixture.Client, NewId("retry"), TicTacToeRules.RulesetId, ["x", "o"]);
        var commandId = Guid.NewGuid();
        var first = await game.MoveAsync("x", TicTacToeRules.Place(4), commandId);
        var lostReplyRetry = await game.MoveAsync("x", TicTacToeRules.Place(4), commandId);
        Assert.True(first.Accepted && !first.IsReplay);
        Assert.True(lostReplyRetry.Accepted && lostReplyRetry.IsReplay);
        Assert.Equal(first.Version, lostReplyRetry.Version);

        await EvictAsync(game.GameId);
        var afterReactivation = await game.MoveAsync("x", TicTacToeRules.Place(4), commandId);
        Assert.True(afterReactivation.IsReplay);
        Assert.Equal(first.Version, afterReactivation.Version);
        Assert.Equal(first.Version, (await game.GetViewAsync(null, cancellationToken: Ct)).Version);
        Assert.Equal("....X....", BoardOf((await game.GetViewAsync(null, cancellationToken: Ct)).View!));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_typed_errors_and_changes_nothing()
    {
        var game = await Bots.SeatAsync(fixture.Client, NewId("bad"), TicTacToeRules.RulesetId, ["x", "o"]);
        var before = await game.GetViewAsync(null, cancellationToken: Ct);
        var storedBefore = (await SharedStore.Instance.LoadAsync(game.GameId, cancellationToken: Ct))!.Version;

        (RejectionCode Code, Task<CommandResult> Call)[] cases =
        [
            (RejectionCode.MalformedCommand, game.MoveAsync("x", new Move("place", "middle"))),
            (RejectionCode.OutOfBounds, game.MoveAsync("x", TicTacToeRules.Place(12))),
            (RejectionCode.NotYourTurn, game.MoveAsync("o", TicTacToeRules.Place(0))),
            (RejectionCode.UnknownPlayer, game.MoveAsync("mallory", TicTacToeRules.Place(0))),
            (RejectionCode.InvalidPlayerId, game.MoveAsync("", TicTacToeRules.Place(0))),
            (RejectionCode.GameAlreadyExists, game.CreateAsync("x", OhHellRules.RulesetId)),
            (RejectionCode.GameInProgress, game.JoinAsync("late")),
            (RejectionCode.GameNotFound, fixture.Client.Game(NewId("nothing")).JoinAsync("x")),
            (RejectionCode.UnknownRuleset, fixture.Client.Game(NewId("chess")).CreateAsync("x", "chess")),
        ];
        foreach (var (code, call) in cases)
        {
            var result = await call;
            Assert.False(result.Accepted);
            Assert.Equal(code, result.Rejection!.Code);
            Assert.False(string.IsNullOrWhiteSpace(result.Rejection.Message));
        }

        Assert.Equal(before.Version, (await game.GetViewAsync(null, cancellationToken: Ct)).Version);
        Assert.Equal(storedBefore, (await SharedStore.Instance.LoadAsync(game.GameId, cancellationToken: Ct))!.Version);
    }

    [Fact]
    public async Task Observers_receive_each_players_view_and_resync_by_version()
    {
        var game = await Bots.SeatAsync(fixture.Client, NewId("observe"), OhHellRules.RulesetId, ["a", "b", "c"], GameOptions.With((OhHellConfig.HandSizesKey, "2,1")));
        var seen = new List<GameView>();
        await using (var subscription = await game.SubscribeAsync("b", view =>
        {
            lock (seen)
            {
                seen.Add(view);
            }

            return Task.CompletedTask;
        }, Ct))
        {
            var results = await Bots.PlayAsync(game, 4, seed: 3);
            var last = results[^1].Version;
            await WaitUntilAsync(() => subscription.LastVersion >= last, TimeSpan.FromSeconds(5));
            lock (seen)
            {
                Assert.All(seen, view => Assert.Equal("b", view.Viewer));
                Assert.Equal(seen.Select(v => v.Version).Order(), seen.Select(v => v.Version));
                Assert.Contains(seen, v => v.Version == last);
                Assert.All(seen, view => Assert.DoesNotContain("\"hand\":null", view.Details, StringComparison.Ordinal));
            }

            var current = await game.GetViewAsync("b", knownVersion: last, cancellationToken: Ct);
            Assert.True(current.NotModified);
            Assert.Equal(last, current.Version);
        }
    }

    [Fact]
    public async Task A_turn_timer_plays_the_default_move_and_keeps_running_after_deactivation()
    {
        var options = new GameOptions { TurnTimeout = TimeSpan.FromSeconds(1) };
        var game = await Bots.SeatAsync(fixture.Client, NewId("timer"), TicTacToeRules.RulesetId, ["x", "o"], options);
        var started = (await game.GetViewAsync(null, cancellationToken: Ct)).Version;

        await WaitUntilAsync(async () => (await game.GetViewAsync(null, cancellationToken: Ct)).Version > started, TimeSpan.FromSeconds(5));
        var afterTimeout = (await game.GetViewAsync("x", cancellationToken: Ct)).View!;
        Assert.Equal("....X....", BoardOf(afterTimeout));

        // Nobody calls the game from here on: only its reminder can wake it and re-arm the timer.
        await EvictAsync(game.GameId);
        var stored = (await SharedStore.Instance.LoadAsync(game.GameId, cancellationToken: Ct))!.Version;
        await WaitUntilAsync(async () => (await SharedStore.Instance.LoadAsync(game.GameId, cancellationToken: Ct))!.Version > stored, TimeSpan.FromSeconds(15));
    }

    private async Task EvictAsync(string gameId)
    {
        await fixture.Cluster.GrainFactory.GetGrain<IGameGrainControl>(gameId).Evict();
        // Deactivation happens after the call returns; give it a moment so the next call reactivates.
        await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
    }

    internal static string BoardOf(GameView view) =>
        System.Text.Json.JsonDocument.Parse(view.Details).RootElement.GetProperty("board").GetString()!;

    internal static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not met within {timeout}");
            await Task.Delay(50);
        }
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not met within {timeout}");
            await Task.Delay(100);
        }
    }
}
