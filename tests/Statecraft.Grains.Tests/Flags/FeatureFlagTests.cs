using Statecraft.Abstractions.Flags;
using Statecraft.Abstractions.Grains;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Grains.Tests.Cluster;

namespace Statecraft.Grains.Tests.Flags;

/// <summary>Runtime flag semantics, on a cluster of its own (flags are cluster-wide).</summary>
public sealed class FeatureFlagTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IFeatureFlagGrain FlagGrain => fixture.Cluster.GrainFactory.GetGrain<IFeatureFlagGrain>(IFeatureFlagGrain.Key);

    [Fact]
    public async Task Toggling_persistence_keeps_games_playing_and_storage_catches_up_with_a_snapshot()
    {
        var game = await Bots.SeatAsync(fixture.Client, $"toggle-{Guid.NewGuid():N}", TicTacToeRules.RulesetId, ["x", "o"]);
        var durable = await game.MoveAsync("x", TicTacToeRules.Place(0));
        Assert.Equal(Durability.Durable, durable.Durability);

        await Cluster.Flags.SetAsync(fixture.Cluster, FlagNames.UseStatePersistence, false);
        try
        {
            var offline = new[] { await game.MoveAsync("o", TicTacToeRules.Place(4)), await game.MoveAsync("x", TicTacToeRules.Place(8)) };
            Assert.All(offline, r => Assert.Equal(Durability.MemoryOnly, r.Durability));
            Assert.Equal(durable.Version, (await SharedStore.Instance.LoadAsync(game.GameId, cancellationToken: Ct))!.Version);
        }
        finally
        {
            await Cluster.Flags.SetAsync(fixture.Cluster, FlagNames.UseStatePersistence, true);
        }

        var back = await game.MoveAsync("o", TicTacToeRules.Place(2));
        Assert.Equal(Durability.Durable, back.Durability);
        var stored = await SharedStore.Instance.LoadAsync(game.GameId, cancellationToken: Ct);
        Assert.Equal(back.Version, stored!.Version);
        Assert.Equal(back.Version, stored.Snapshot!.Version);
        Assert.Equal(["x", "o"], (await game.GetViewAsync(null, cancellationToken: Ct)).View!.Players);
    }

    [Fact]
    public async Task With_snapshots_off_only_events_are_written()
    {
        var game = await Bots.SeatAsync(fixture.Client, $"nosnap-{Guid.NewGuid():N}", Engine.Rulesets.OhHell.OhHellRules.RulesetId, ["a", "b", "c"]);
        await Cluster.Flags.SetAsync(fixture.Cluster, FlagNames.EnableStateSnapshots, false, game.GameId);
        var before = await SharedStore.Instance.ListSnapshotVersionsAsync(game.GameId, Ct);
        var results = await Bots.PlayAsync(game, 30, seed: 11);
        Assert.All(results, r => Assert.Equal(Durability.Durable, r.Durability));
        Assert.Equal(before, await SharedStore.Instance.ListSnapshotVersionsAsync(game.GameId, Ct));
        var events = await SharedStore.Instance.ReadEventsAsync(game.GameId, 1, long.MaxValue, 1_000, Ct);
        Assert.Equal(results[^1].Version, events.Events.Count);
    }

    [Fact]
    public async Task Changes_are_validated_audited_and_reach_every_silo_within_two_seconds()
    {
        await Assert.ThrowsAsync<InvalidFlagChangeException>(() => FlagGrain.Change(new FlagChange { Name = "bad name!", Enabled = true, ChangedBy = "t", Reason = "r" }));
        await Assert.ThrowsAsync<InvalidFlagChangeException>(() => FlagGrain.Change(new FlagChange { Name = "Rollout", Percentage = 130, ChangedBy = "t", Reason = "r" }));
        await Assert.ThrowsAsync<InvalidFlagChangeException>(() => FlagGrain.Change(new FlagChange { Name = "Rollout", Enabled = true, ChangedBy = "", Reason = "r" }));

        var started = DateTime.UtcNow;
        var snapshot = await FlagGrain.Change(new FlagChange { Name = "NewScoring", Percentage = 25, ChangedBy = "ops@example", Reason = "canary" });
        await GameGrainTestsWait(() => fixture.Cluster.Silos.All(s => Cluster.Flags.CacheOf(s).Current.Flags.ContainsKey("NewScoring")));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2));
        Assert.Equal(25, snapshot.Flags["NewScoring"].Percentage);

        var audit = await FlagGrain.GetAudit(10);
        var entry = audit.First(a => a.Flag == "NewScoring");
        // Declared in configuration with default off (Statecraft:FeatureFlags:Defaults:NewScoring).
        Assert.Equal(("ops@example", "canary", "off", "25%"), (entry.ChangedBy, entry.Reason, entry.Before, entry.After));

        await FlagGrain.Change(new FlagChange { Name = "NewScoring", GameId = "vip-game", Enabled = true, ChangedBy = "ops@example", Reason = "vip" });
        Assert.True((await FlagGrain.GetSnapshot()).IsEnabled("NewScoring", "vip-game"));
    }

    [Fact]
    public async Task Unknown_flag_names_are_refused_naming_the_known_ones_and_nothing_is_stored()
    {
        var before = await FlagGrain.GetSnapshot();

        var refused = await Assert.ThrowsAsync<InvalidFlagChangeException>(() => FlagGrain.Change(
            new FlagChange { Name = "UseStatePersistance", Enabled = false, ChangedBy = "oncall", Reason = "emergency rollback" }));

        Assert.Contains("Unknown flag 'UseStatePersistance'", refused.Message, StringComparison.Ordinal);
        Assert.Contains(FlagNames.UseStatePersistence, refused.Message, StringComparison.Ordinal);
        var after = await FlagGrain.GetSnapshot();
        Assert.Equal(before.Revision, after.Revision);
        Assert.False(after.Flags.ContainsKey("UseStatePersistance"));
        Assert.DoesNotContain(await FlagGrain.GetAudit(1_000), entry => entry.Flag == "UseStatePersistance");
    }

    [Fact]
    public async Task Resetting_a_built_in_flag_returns_it_to_its_configured_default()
    {
        await Cluster.Flags.SetAsync(fixture.Cluster, FlagNames.EnableStateRecovery, true);
        Assert.True((await FlagGrain.GetSnapshot()).IsChangedAtRuntime(FlagNames.EnableStateRecovery));

        var reset = await FlagGrain.Change(new FlagChange { Name = FlagNames.EnableStateRecovery, Reset = true, ChangedBy = "tests", Reason = "back to default" });

        Assert.False(reset.IsChangedAtRuntime(FlagNames.EnableStateRecovery));
        Assert.True(reset.IsEnabled(FlagNames.EnableStateRecovery));
        var entry = (await FlagGrain.GetAudit(1))[0];
        Assert.Equal((FlagNames.EnableStateRecovery, "on", "on"), (entry.Flag, entry.Before, entry.After));
    }

    private static Task GameGrainTestsWait(Func<bool> condition) => Games.GameGrainTests.WaitUntilAsync(condition, TimeSpan.FromSeconds(2));
}
