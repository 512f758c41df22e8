using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Grains.Tests.Cluster;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Resilience;

namespace Statecraft.Grains.Tests.Games;

/// <summary>
/// The other side of a split brain: a second activation of the same game stores moves this one never saw. A refusal
/// writes nothing, so no version check catches the stale activation there; it must confirm against the store first.
/// </summary>
public sealed class StaleActivationTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stale_activation_reloads_instead_of_refusing_a_command_another_activation_applied()
    {
        var game = await Bots.SeatAsync(fixture.Client, $"stale-{Guid.NewGuid():N}", TicTacToeRules.RulesetId, ["x", "o"]);
        var xMove = new GameCommand(Guid.NewGuid(), "x", DateTimeOffset.UtcNow, new MakeMove(TicTacToeRules.Place(0)));
        var oMove = new GameCommand(Guid.NewGuid(), "o", DateTimeOffset.UtcNow, new MakeMove(TicTacToeRules.Place(4)));
        var stored = await StoreElsewhereAsync(game.GameId, xMove, oMove);

        // The grain still holds the game before both moves, where it is x's turn: o's move, sent again by a client
        // that was told it was applied, would be refused as out of turn on that state.
        var again = await game.MoveAsync("o", TicTacToeRules.Place(4), oMove.CommandId, Ct);

        Assert.True(again is { Accepted: true, IsReplay: true }, again.ToString());
        Assert.Equal(stored, again.Version);
        var view = (await game.GetViewAsync(null, cancellationToken: Ct)).View!;
        Assert.Equal(stored, view.Version);
        Assert.Equal("x", view.Turn);
    }

    [Fact]
    public async Task A_stale_activation_answers_a_command_another_activation_stored_as_a_replay()
    {
        var game = await Bots.SeatAsync(fixture.Client, $"stale-replay-{Guid.NewGuid():N}", TicTacToeRules.RulesetId, ["x", "o"]);
        var xMove = new GameCommand(Guid.NewGuid(), "x", DateTimeOffset.UtcNow, new MakeMove(TicTacToeRules.Place(0)));
        var stored = await StoreElsewhereAsync(game.GameId, xMove);

        // Legal on the stale state too: the grain decides the same events, and the store recognises the batch.
        var again = await game.MoveAsync("x", TicTacToeRules.Place(0), xMove.CommandId, Ct);

        Assert.True(again is { Accepted: true, IsReplay: true, Durability: Abstractions.Grains.Durability.Durable }, again.ToString());
        Assert.Equal(stored, again.Version);
        Assert.Equal(stored, (await SharedStore.Instance.LoadAsync(game.GameId, cancellationToken: Ct))!.Version);
    }

    [Fact]
    public async Task A_stale_activation_answers_a_resent_command_as_a_replay_when_later_commands_followed_it()
    {
        var game = await Bots.SeatAsync(fixture.Client, $"stale-behind-{Guid.NewGuid():N}", TicTacToeRules.RulesetId, ["x", "o"]);
        var xMove = new GameCommand(Guid.NewGuid(), "x", DateTimeOffset.UtcNow, new MakeMove(TicTacToeRules.Place(0)));
        var oMove = new GameCommand(Guid.NewGuid(), "o", DateTimeOffset.UtcNow, new MakeMove(TicTacToeRules.Place(4)));
        var xStoredAt = await StoreElsewhereAsync(game.GameId, xMove);
        var stored = await StoreElsewhereAsync(game.GameId, oMove);

        // x's move is legal on the stale state, so the grain tries to store it and meets a newer version: the store no
        // longer recognises the batch (o's came after it), yet the client was told x's move was applied.
        var again = await game.MoveAsync("x", TicTacToeRules.Place(0), xMove.CommandId, Ct);

        Assert.True(again is { Accepted: true, IsReplay: true, Durability: Abstractions.Grains.Durability.Durable }, again.ToString());
        Assert.Equal(xStoredAt, again.Version);
        Assert.Equal(stored, (await SharedStore.Instance.LoadAsync(game.GameId, cancellationToken: Ct))!.Version);
        Assert.Equal(stored, (await game.GetViewAsync(null, cancellationToken: Ct)).Version);
    }

    [Fact]
    public async Task A_refusal_on_current_state_stays_a_refusal_and_changes_nothing()
    {
        var game = await Bots.SeatAsync(fixture.Client, $"stale-current-{Guid.NewGuid():N}", TicTacToeRules.RulesetId, ["x", "o"]);
        var before = (await SharedStore.Instance.LoadAsync(game.GameId, cancellationToken: Ct))!.Version;

        var refused = await game.MoveAsync("o", TicTacToeRules.Place(4), Guid.NewGuid(), Ct);

        Assert.False(refused.Accepted);
        Assert.Equal(RejectionCode.NotYourTurn, refused.Rejection!.Code);
        Assert.Equal(Abstractions.Grains.Durability.Durable, refused.Durability);
        Assert.Equal(before, (await SharedStore.Instance.LoadAsync(game.GameId, cancellationToken: Ct))!.Version);
    }

    /// <summary>Stores <paramref name="commands"/> through a session of its own, as another activation would; the version after them.</summary>
    private static async Task<long> StoreElsewhereAsync(string gameId, params GameCommand[] commands)
    {
        var options = new PersistenceOptions();
        var repository = Testing.Repositories.For(SharedStore.Instance, options);
        using var resilience = new StoreResilience("memory", new ResilienceOptions(), writeAttempts: 1);
        var other = new GameSession(gameId, repository, resilience, options.RecentCommandWindow);
        await other.RecoverAsync(Ct);
        foreach (var command in commands)
        {
            var decision = GameDecider.Default.Decide(other.State, command);
            Assert.True(decision.IsAccepted, decision.Rejection?.ToString());
            var change = new PendingChange(command.CommandId, CommandFingerprint.Of(command), decision.Events.AsImmutableArray(), GameDecider.Default.Fold(other.State, decision.Events));
            Assert.Equal(SessionCommitStatus.Durable, (await other.CommitAsync(change, new JournalSwitches(Persist: true, Snapshots: true), Ct)).Status);
        }

        return other.StoredVersion;
    }
}
