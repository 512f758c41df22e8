using Statecraft.Engine.Core;
using Statecraft.Persistence.Codec;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Tests.Support;

namespace Statecraft.Persistence.Tests.Contract;

/// <summary>Recovery through <see cref="GameRepository"/> on top of the store under test.</summary>
public abstract partial class GameStoreContract
{
    private JournalDriver Driver(PersistenceStrategy strategy = PersistenceStrategy.Hybrid, int snapshotEvery = 10, int compactAfter = 1_000, int keep = 5) =>
        new(Store, new PersistenceOptions { Strategy = strategy, SnapshotEveryEvents = snapshotEvery, CompactAfterEvents = compactAfter, SnapshotsToKeep = keep, SnapshotOnPhaseChange = false });

    [Theory]
    [InlineData(PersistenceStrategy.Hybrid)]
    [InlineData(PersistenceStrategy.SnapshotOnly)]
    [InlineData(PersistenceStrategy.EventSourced)]
    public async Task A_game_committed_command_by_command_recovers_exactly(PersistenceStrategy strategy)
    {
        var game = Games.OhHell(21, players: 5, handSizes: "4,3,2");
        var driver = Driver(strategy);
        var final = await driver.CommitAsync(game);

        var recovered = await driver.Repository.LoadAsync(final.GameId, Ct);
        Assert.NotNull(recovered);
        Assert.Equal(final, recovered.Snapshot.State);
        Assert.Equal(final.Version, recovered.Version);
        Assert.Equal(RecoveryOutcome.Clean, recovered.Outcome);
        Assert.Equal(driver.Window.ToArray(), recovered.Snapshot.RecentCommands);

        var snapshots = await Store.ListSnapshotVersionsAsync(final.GameId, Ct);
        var events = await Store.ReadEventsAsync(final.GameId, 1, long.MaxValue, 10_000, Ct);
        switch (strategy)
        {
            case PersistenceStrategy.Hybrid:
                Assert.InRange(snapshots.Count, 1, 5);
                Assert.Equal(final.Version, events.Events.Count);
                Assert.InRange(final.Version - recovered.Position.SnapshotVersion, 0, 10 + 10);
                break;
            case PersistenceStrategy.SnapshotOnly:
                Assert.Empty(events.Events);
                Assert.Equal(final.Version, snapshots[^1]);
                Assert.InRange(snapshots.Count, 1, 10);
                break;
            case PersistenceStrategy.EventSourced:
                Assert.Empty(snapshots);
                Assert.Equal(final.Version, events.Events.Count);
                break;
        }
    }

    [Fact]
    public async Task A_damaged_newest_snapshot_falls_back_to_an_older_one_and_more_events()
    {
        var game = Games.OhHell(22, players: 3, handSizes: "5,4");
        var driver = Driver();
        var final = await driver.CommitAsync(game);
        var snapshots = await Store.ListSnapshotVersionsAsync(final.GameId, Ct);
        Assert.True(snapshots.Count >= 2, "the game should have written several snapshots");
        await CorruptSnapshotAsync(final.GameId, snapshots[^1]);

        var recovered = await driver.Repository.LoadAsync(final.GameId, Ct);
        Assert.Equal(RecoveryOutcome.FellBack, recovered!.Outcome);
        Assert.Equal(final, recovered.Snapshot.State);
        Assert.Equal(snapshots[^2], recovered.Position.SnapshotVersion);
        Assert.Contains(recovered.Problems, p => p.Contains("checksum", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_snapshot_holding_an_invalid_state_is_skipped()
    {
        var game = Games.TicTacToe(23);
        var driver = Driver(snapshotEvery: 1_000);
        var final = await driver.CommitAsync(game);
        var broken = final with { Players = [final.Players[0], final.Players[0]] };
        var payload = GameCodec.Default.EncodeSnapshot(final.GameId, final.Version, new GameSnapshot(broken, []));
        var header = RecordFactory.Header(final.GameId, final.Version) with { RulesetId = final.RulesetId, Phase = final.Phase.Name };
        await Store.AppendAsync(new AppendRequest(header, final.Version, [], new SnapshotRecord(final.Version, RecordFactory.T0, payload), Guid.NewGuid()), Ct);

        var recovered = await driver.Repository.LoadAsync(final.GameId, Ct);
        Assert.Equal(RecoveryOutcome.FellBack, recovered!.Outcome);
        Assert.Equal(final, recovered.Snapshot.State);
    }

    [Fact]
    public async Task A_damaged_event_stops_recovery_with_a_typed_error()
    {
        var game = Games.TicTacToe(24);
        var driver = Driver(PersistenceStrategy.EventSourced);
        var final = await driver.CommitAsync(game);
        await CorruptEventAsync(final.GameId, 4);

        var error = await Assert.ThrowsAsync<GameRecoveryException>(() => driver.Repository.LoadAsync(final.GameId, Ct));
        Assert.Equal(RecoveryFailure.CorruptEvent, error.Failure);
        Assert.Equal(final.GameId, error.GameId);
    }

    [Fact]
    public async Task Snapshots_are_pruned_and_history_compacted_as_the_game_grows_and_it_still_recovers()
    {
        var game = Games.OhHell(25, players: 4);
        var driver = Driver(snapshotEvery: 10, compactAfter: 50, keep: 3);
        var final = await driver.CommitAsync(game);
        Assert.True(final.Version > 150, $"the game is only {final.Version} events long");

        var snapshots = await Store.ListSnapshotVersionsAsync(final.GameId, Ct);
        Assert.InRange(snapshots.Count, 1, 3);
        var events = await Store.ReadEventsAsync(final.GameId, 1, long.MaxValue, 10_000, Ct);
        Assert.True(events.FirstAvailableVersion > 1, "old events should have been compacted away");
        Assert.True(events.FirstAvailableVersion <= snapshots[0] + 1, "events after the oldest kept snapshot must remain");
        Assert.Equal(final, (await driver.Repository.LoadAsync(final.GameId, Ct))!.Snapshot.State);
    }

    [Fact]
    public async Task Time_travel_rebuilds_any_version_still_covered_by_history()
    {
        var game = Games.OhHell(26, players: 3, handSizes: "3,2,1");
        var driver = Driver(snapshotEvery: 7);
        await driver.CommitAsync(game);
        foreach (var step in game.Steps.Where((_, i) => i % 5 == 0))
        {
            Assert.Equal(step.Before, await driver.Repository.LoadAtVersionAsync(game.Final.GameId, step.Before.Version, Ct));
        }

        Assert.Null(await driver.Repository.LoadAtVersionAsync(game.Final.GameId, game.Final.Version + 1, Ct));
        Assert.Null(await driver.Repository.LoadAtVersionAsync("missing", 1, Ct));
    }

    [Fact]
    public async Task A_catch_up_snapshot_stores_state_reached_while_persistence_was_off()
    {
        var game = Games.TicTacToe(27);
        var driver = Driver(snapshotEvery: 1_000);
        await driver.CommitAsync(game, steps: 4);
        // Steps 4 and 5 happen in memory only; then storage catches up with one snapshot.
        var inMemory = GameDecider.Default.Fold(game.Steps[4].Before, game.Steps[4].Events.Concat(game.Steps[5].Events));
        var stored = game.Steps[4].Before.Version;
        var catchUp = new Commit(inMemory.GameId, stored, [], new GameSnapshot(inMemory, driver.Window.ToArray()), driver.Position, false, SnapshotReason.CatchUp);
        var result = await driver.Repository.CommitAsync(catchUp, Ct);
        Assert.Equal(AppendResult.Appended(inMemory.Version), result.Append);
        Assert.Equal(SnapshotReason.CatchUp, result.Snapshot);

        var recovered = await driver.Repository.LoadAsync(inMemory.GameId, Ct);
        Assert.Equal(inMemory, recovered!.Snapshot.State);
        Assert.Equal(inMemory.Version, recovered.Position.SnapshotVersion);
    }

    [Fact]
    public async Task A_retried_commit_is_recognised_and_the_recent_command_window_survives_recovery()
    {
        var game = Games.TicTacToe(28);
        var driver = Driver();
        await driver.CommitAsync(game, steps: 5);
        var step = game.Steps[5];
        var after = GameDecider.Default.Fold(step.Before, step.Events);
        var commit = new Commit(after.GameId, step.Before.Version, [.. step.Events.Select(e => new JournaledEvent(step.Command.CommandId, e))],
            new GameSnapshot(after, driver.Window.ToArray()), driver.Position, false);
        Assert.Equal(AppendStatus.Appended, (await driver.Repository.CommitAsync(commit, Ct)).Append.Status);
        Assert.Equal(AppendStatus.AlreadyApplied, (await driver.Repository.CommitAsync(commit, Ct)).Append.Status);

        var recovered = await driver.Repository.LoadAsync(after.GameId, Ct);
        var window = new RecentCommandWindow(1_000, recovered!.Snapshot.RecentCommands);
        Assert.True(window.TryGet(step.Command.CommandId, out var command));
        Assert.Equal(after.Version, command.Version);
        Assert.True(window.TryGet(game.Steps[0].Command.CommandId, out _));
    }

    [Fact]
    public async Task An_unknown_game_loads_as_null()
    {
        Assert.Null(await Driver().Repository.LoadAsync("never-created", Ct));
    }
}
