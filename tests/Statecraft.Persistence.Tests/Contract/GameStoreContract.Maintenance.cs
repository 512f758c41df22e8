using Statecraft.Persistence.Records;
using static Statecraft.Persistence.Tests.Contract.RecordFactory;

namespace Statecraft.Persistence.Tests.Contract;

/// <summary>The contract of <see cref="Statecraft.Persistence.Stores.IGameStoreMaintenance"/>: deleting games and retention.</summary>
public abstract partial class GameStoreContract
{
    [Fact]
    public async Task Delete_removes_events_snapshots_and_header()
    {
        await Store.AppendAsync(Append("g1", 1, 5, snapshot: true), Ct);
        await Store.AppendAsync(Append("g2", 1, 1), Ct);
        Assert.True(await Store.DeleteAsync("g1", Ct));

        Assert.Null(await Store.LoadAsync("g1", cancellationToken: Ct));
        Assert.Empty(await Store.ListSnapshotVersionsAsync("g1", Ct));
        Assert.Empty((await Store.ReadEventsAsync("g1", 1, 100, 100, Ct)).Events);
        Assert.Equal(["g2"], (await Store.ListGamesAsync(null, 10, Ct)).Games.Select(h => h.GameId));
        Assert.Equal(AppendResult.Appended(2), await Store.AppendAsync(Append("g1", 1, 2), Ct));
    }

    [Fact]
    public async Task Retention_drops_redundant_snapshots_then_whole_finished_games()
    {
        var policy = new RetentionPolicy(TimeSpan.FromDays(7), TimeSpan.FromDays(30));
        // "full": every event kept, so its snapshots are redundant once it is old enough.
        await Store.AppendAsync(Append("full", 1, 4, snapshot: true), Ct);
        await Store.AppendAsync(Append("full", 5, 8, snapshot: true, finishedAt: T0), Ct);
        // "compacted": events before its oldest snapshot are gone, so the newest snapshot must stay.
        await Store.AppendAsync(Append("compacted", 1, 4, snapshot: true), Ct);
        await Store.AppendAsync(Append("compacted", 5, 8, snapshot: true, finishedAt: T0), Ct);
        await Store.CompactAsync("compacted", Ct);
        // "live": not finished, never touched.
        await Store.AppendAsync(Append("live", 1, 4, snapshot: true), Ct);

        Assert.Equal(new RetentionReport(0, 0), await Store.ApplyRetentionAsync(T0.AddDays(6), policy, Ct));

        var report = await Store.ApplyRetentionAsync(T0.AddDays(8), policy, Ct);
        Assert.Equal(new RetentionReport(SnapshotsDeleted: 3, GamesDeleted: 0), report);
        Assert.Empty(await Store.ListSnapshotVersionsAsync("full", Ct));
        Assert.Equal([8L], await Store.ListSnapshotVersionsAsync("compacted", Ct));
        Assert.Equal(8, (await Store.LoadAsync("full", cancellationToken: Ct))!.Events.Count);
        Assert.Equal(8, (await Store.LoadAsync("compacted", cancellationToken: Ct))!.Snapshot!.Version);

        Assert.Equal(new RetentionReport(0, 2), await Store.ApplyRetentionAsync(T0.AddDays(31), policy, Ct));
        Assert.Null(await Store.LoadAsync("full", cancellationToken: Ct));
        Assert.Null(await Store.LoadAsync("compacted", cancellationToken: Ct));
        Assert.Equal([4L], await Store.ListSnapshotVersionsAsync("live", Ct));
        Assert.Equal(new RetentionReport(0, 0), await Store.ApplyRetentionAsync(T0.AddDays(400), new RetentionPolicy(null, null), Ct));
    }

    [Fact]
    public async Task Retention_keeps_the_snapshot_a_game_with_a_hole_in_its_history_needs()
    {
        // Events 1-4, then a catch-up snapshot at 7 (5-7 happened while persistence was off), then events 8-9.
        await Store.AppendAsync(Append("holey", 1, 4), Ct);
        await Store.AppendAsync(new AppendRequest(Header("holey", 7), 4, [], Snapshot("holey", 7), Guid.NewGuid()), Ct);
        await Store.AppendAsync(Append("holey", 8, 9, finishedAt: T0), Ct);

        var report = await Store.ApplyRetentionAsync(T0.AddDays(8), new RetentionPolicy(TimeSpan.FromDays(7), TimeSpan.FromDays(30)), Ct);
        Assert.Equal(0, report.SnapshotsDeleted);
        var loaded = await Store.LoadAsync("holey", cancellationToken: Ct);
        Assert.Equal(7, loaded!.Snapshot!.Version);
        Assert.Equal([8L, 9L], loaded.Events.Select(e => e.Version));
    }
}
