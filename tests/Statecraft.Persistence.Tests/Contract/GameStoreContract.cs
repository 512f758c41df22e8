using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;
using static Statecraft.Persistence.Tests.Contract.RecordFactory;

namespace Statecraft.Persistence.Tests.Contract;

/// <summary>
/// The behaviour every <see cref="IGameStore"/> must have, one partial file per role (this one: the stream path of
/// <see cref="IGameStreamStore"/>; History, Catalog, Maintenance, Health and Recovery beside it). Each backend derives one
/// class that says how to create a fresh, isolated store and how to damage a stored record; every test here then runs
/// against it.
/// </summary>
public abstract partial class GameStoreContract : IAsyncLifetime
{
    private IGameStore? _store;

    protected IGameStore Store => _store ?? throw new InvalidOperationException("The store is not initialised.");

    /// <summary>A new store that shares nothing with any other test's store.</summary>
    protected abstract ValueTask<IGameStore> CreateStoreAsync();

    /// <summary>Flips a bit inside the stored bytes of an event, behind the store's back.</summary>
    protected abstract ValueTask CorruptEventAsync(string gameId, long version);

    /// <summary>Flips a bit inside the stored bytes of a snapshot, behind the store's back.</summary>
    protected abstract ValueTask CorruptSnapshotAsync(string gameId, long version);

    public async ValueTask InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(TestContext.Current.CancellationToken);
        await _store.InitializeAsync(TestContext.Current.CancellationToken); // idempotent
    }

    public virtual async ValueTask DisposeAsync()
    {
        switch (_store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }

        GC.SuppressFinalize(this);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Loading_an_unknown_game_gives_null()
    {
        Assert.Null(await Store.LoadAsync("nobody", cancellationToken: Ct));
        Assert.Empty((await Store.ReadEventsAsync("nobody", 1, long.MaxValue, 10, Ct)).Events);
        Assert.False(await Store.DeleteAsync("nobody", Ct));
    }

    [Fact]
    public async Task Appended_events_load_back_byte_for_byte_with_their_header()
    {
        var request = Append("g1", 1, 3);
        Assert.Equal(AppendResult.Appended(3), await Store.AppendAsync(request, Ct));

        var loaded = await Store.LoadAsync("g1", cancellationToken: Ct);
        Assert.NotNull(loaded);
        Assert.Equal(3, loaded.Version);
        Assert.Equal(request.Header, loaded.Header);
        Assert.Null(loaded.Snapshot);
        Assert.Equal([1L, 2L, 3L], loaded.Events.Select(e => e.Version));
        for (var i = 0; i < 3; i++)
        {
            AssertSameRecord(request.Events[i], loaded.Events[i]);
            Assert.True(RecordChecksum.IsIntact("g1", RecordChecksum.Kind.Event, loaded.Events[i].Version, loaded.Events[i].Payload));
        }
    }

    [Fact]
    public async Task A_stale_expected_version_is_a_conflict_and_writes_nothing()
    {
        await Store.AppendAsync(Append("g1", 1, 2), Ct);
        var rival = Append("g1", 1, 1) with { BatchId = Guid.NewGuid() };
        Assert.Equal(AppendResult.Conflict(2), await Store.AppendAsync(rival, Ct));
        Assert.Equal(AppendResult.Conflict(2), await Store.AppendAsync(Append("g1", 5, 6), Ct));

        var loaded = await Store.LoadAsync("g1", cancellationToken: Ct);
        Assert.Equal(2, loaded!.Version);
        Assert.Equal([CommandFor(1), CommandFor(2)], loaded.Events.Select(e => e.CommandId));
    }

    [Fact]
    public async Task A_retried_batch_after_a_lost_reply_is_recognised_and_not_written_twice()
    {
        await Store.AppendAsync(Append("g1", 1, 2), Ct);
        var batch = Append("g1", 3, 5, snapshot: true);
        Assert.Equal(AppendResult.Appended(5), await Store.AppendAsync(batch, Ct));
        Assert.Equal(AppendResult.AlreadyApplied(5), await Store.AppendAsync(batch, Ct));

        var loaded = await Store.LoadAsync("g1", snapshotBeforeVersion: 1, cancellationToken: Ct);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], loaded!.Events.Select(e => e.Version));
        Assert.Equal([5L], await Store.ListSnapshotVersionsAsync("g1", Ct));

        // The same events under another batch id are a different batch: a conflict, not a retry.
        Assert.Equal(AppendStatus.Conflict, (await Store.AppendAsync(batch with { BatchId = Guid.NewGuid() }, Ct)).Status);
    }

    [Fact]
    public async Task Snapshot_only_appends_advance_the_version_without_events()
    {
        var first = new AppendRequest(Header("g1", 1), 0, [], Snapshot("g1", 1), Guid.NewGuid());
        var second = new AppendRequest(Header("g1", 3), 1, [], Snapshot("g1", 3), Guid.NewGuid());
        Assert.Equal(AppendResult.Appended(1), await Store.AppendAsync(first, Ct));
        Assert.Equal(AppendResult.Appended(3), await Store.AppendAsync(second, Ct));
        Assert.Equal(AppendResult.AlreadyApplied(3), await Store.AppendAsync(second, Ct));

        var loaded = await Store.LoadAsync("g1", cancellationToken: Ct);
        Assert.Equal(3, loaded!.Version);
        Assert.Equal(3, loaded.Snapshot!.Version);
        Assert.Empty(loaded.Events);
    }

    [Fact]
    public async Task A_snapshot_at_the_current_version_can_be_written_without_events()
    {
        await Store.AppendAsync(Append("g1", 1, 4), Ct);
        var catchUp = new AppendRequest(Header("g1", 4), 4, [], Snapshot("g1", 4), Guid.NewGuid());
        Assert.Equal(AppendResult.Appended(4), await Store.AppendAsync(catchUp, Ct));
        var loaded = await Store.LoadAsync("g1", cancellationToken: Ct);
        Assert.Equal(4, loaded!.Snapshot!.Version);
        Assert.Empty(loaded.Events);
    }

    [Fact]
    public async Task Loading_after_a_snapshot_returns_only_the_tail()
    {
        await Store.AppendAsync(Append("g1", 1, 10, snapshot: true), Ct);
        await Store.AppendAsync(Append("g1", 11, 15), Ct);

        var loaded = await Store.LoadAsync("g1", cancellationToken: Ct);
        Assert.Equal(15, loaded!.Version);
        Assert.Equal(10, loaded.Snapshot!.Version);
        AssertSamePayload(Snapshot("g1", 10).Payload, loaded.Snapshot.Payload);
        Assert.Equal([11L, 12L, 13L, 14L, 15L], loaded.Events.Select(e => e.Version));
    }

    [Fact]
    public async Task Loading_before_a_version_picks_an_older_snapshot_and_more_events()
    {
        await Store.AppendAsync(Append("g1", 1, 5, snapshot: true), Ct);
        await Store.AppendAsync(Append("g1", 6, 10, snapshot: true), Ct);
        await Store.AppendAsync(Append("g1", 11, 12), Ct);

        var older = await Store.LoadAsync("g1", snapshotBeforeVersion: 10, cancellationToken: Ct);
        Assert.Equal(5, older!.Snapshot!.Version);
        Assert.Equal(Enumerable.Range(6, 7).Select(v => (long)v), older.Events.Select(e => e.Version));

        var none = await Store.LoadAsync("g1", snapshotBeforeVersion: 5, cancellationToken: Ct);
        Assert.Null(none!.Snapshot);
        Assert.Equal(12, none.Events.Count);
        Assert.Equal(12, none.Version);
    }

    [Fact]
    public async Task An_append_with_a_snapshot_prunes_to_the_newest_it_asks_to_keep_and_one_without_leaves_them()
    {
        for (var round = 0; round < 5; round++)
        {
            await Store.AppendAsync(Append("g1", (round * 3) + 1, (round * 3) + 3, snapshot: true), Ct);
        }

        await Store.AppendAsync(Append("g1", 16, 18, snapshot: true) with { SnapshotsToKeep = 2 }, Ct);
        Assert.Equal([15L, 18L], await Store.ListSnapshotVersionsAsync("g1", Ct));

        // Without a snapshot there is nothing new to keep, so nothing is pruned, whatever the request says.
        await Store.AppendAsync(Append("g1", 19, 20) with { SnapshotsToKeep = 1 }, Ct);
        Assert.Equal([15L, 18L], await Store.ListSnapshotVersionsAsync("g1", Ct));

        var loaded = await Store.LoadAsync("g1", cancellationToken: Ct);
        Assert.Equal(18, loaded!.Snapshot!.Version);
        Assert.Equal([19L, 20L], loaded.Events.Select(e => e.Version));
    }

    [Fact]
    public async Task An_append_asking_to_keep_a_negative_number_of_snapshots_is_refused_and_writes_nothing()
    {
        await Store.AppendAsync(Append("g1", 1, 3, snapshot: true), Ct);

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await Store.AppendAsync(Append("g1", 4, 6, snapshot: true) with { SnapshotsToKeep = -1 }, Ct));

        Assert.Equal(3, (await Store.LoadAsync("g1", cancellationToken: Ct))!.Version);
        Assert.Equal([3L], await Store.ListSnapshotVersionsAsync("g1", Ct));
    }

    [Fact]
    public async Task Pruning_keeps_the_newest_snapshots_and_the_game_still_loads()
    {
        for (var round = 0; round < 7; round++)
        {
            await Store.AppendAsync(Append("g1", (round * 3) + 1, (round * 3) + 3, snapshot: true), Ct);
        }

        Assert.Equal(2, await Store.PruneSnapshotsAsync("g1", keep: 5, Ct));
        Assert.Equal([9L, 12L, 15L, 18L, 21L], await Store.ListSnapshotVersionsAsync("g1", Ct));
        Assert.Equal(0, await Store.PruneSnapshotsAsync("g1", keep: 5, Ct));

        var loaded = await Store.LoadAsync("g1", cancellationToken: Ct);
        Assert.Equal(21, loaded!.Snapshot!.Version);
        Assert.Equal(21, loaded.Version);
    }

    [Fact]
    public async Task Compaction_drops_events_up_to_the_oldest_snapshot_and_time_travel_works_from_there()
    {
        await Store.AppendAsync(Append("g1", 1, 10, snapshot: true), Ct);
        await Store.AppendAsync(Append("g1", 11, 20, snapshot: true), Ct);
        await Store.AppendAsync(Append("g1", 21, 25), Ct);

        Assert.Equal(10, await Store.CompactAsync("g1", Ct));
        Assert.Equal(0, await Store.CompactAsync("g1", Ct));

        var page = await Store.ReadEventsAsync("g1", 1, long.MaxValue, 100, Ct);
        Assert.Equal(11, page.FirstAvailableVersion);
        Assert.Equal(Enumerable.Range(11, 15).Select(v => (long)v), page.Events.Select(e => e.Version));

        // Recovery still works from the oldest kept snapshot, not only the newest.
        var fromOldest = await Store.LoadAsync("g1", snapshotBeforeVersion: 20, cancellationToken: Ct);
        Assert.Equal(10, fromOldest!.Snapshot!.Version);
        Assert.Equal(Enumerable.Range(11, 15).Select(v => (long)v), fromOldest.Events.Select(e => e.Version));
        Assert.Equal(25, (await Store.LoadAsync("g1", cancellationToken: Ct))!.Version);
    }

    [Fact]
    public async Task Compaction_without_snapshots_keeps_every_event()
    {
        await Store.AppendAsync(Append("g1", 1, 8), Ct);
        Assert.Equal(0, await Store.CompactAsync("g1", Ct));
        Assert.Equal(8, (await Store.ReadEventsAsync("g1", 1, 100, 100, Ct)).Events.Count);
    }

    [Fact]
    public async Task A_snapshot_over_a_megabyte_round_trips()
    {
        var big = Snapshot("g1", 1, size: 1_300_000);
        var request = new AppendRequest(Header("g1", 1), 0, [Event("g1", 1)], big, Guid.NewGuid());
        await Store.AppendAsync(request, Ct);
        var loaded = await Store.LoadAsync("g1", cancellationToken: Ct);
        AssertSamePayload(big.Payload, loaded!.Snapshot!.Payload);
    }

    [Fact]
    public async Task Many_games_appended_concurrently_all_land_intact()
    {
        const int games = 40, batches = 15;
        await Parallel.ForEachAsync(Enumerable.Range(0, games), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (game, ct) =>
        {
            for (var batch = 0; batch < batches; batch++)
            {
                var result = await Store.AppendAsync(Append($"c{game}", (batch * 2) + 1, (batch * 2) + 2, snapshot: batch % 5 == 4), ct);
                Assert.Equal(AppendStatus.Appended, result.Status);
            }
        });

        for (var game = 0; game < games; game++)
        {
            var page = await Store.ReadEventsAsync($"c{game}", 1, long.MaxValue, 1_000, Ct);
            Assert.Equal(Enumerable.Range(1, batches * 2).Select(v => (long)v), page.Events.Select(e => e.Version));
            Assert.All(page.Events, e => Assert.True(RecordChecksum.IsIntact($"c{game}", RecordChecksum.Kind.Event, e.Version, e.Payload)));
        }
    }

    [Fact]
    public async Task Racing_writers_at_the_same_version_produce_exactly_one_winner()
    {
        await Store.AppendAsync(Append("g1", 1, 1), Ct);
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Store.AppendAsync(Append("g1", 2, 3) with { BatchId = Guid.NewGuid() }, Ct).AsTask()));
        Assert.Single(results, r => r.Status == AppendStatus.Appended);
        Assert.Equal(11, results.Count(r => r.Status == AppendStatus.Conflict));
        Assert.Equal(3, (await Store.LoadAsync("g1", cancellationToken: Ct))!.Events.Count);
    }

    [Fact]
    public async Task Inconsistent_requests_are_refused_before_anything_is_written()
    {
        var gap = Append("g1", 1, 3);
        var broken = gap with { Events = [gap.Events[0], gap.Events[2]] };
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Store.AppendAsync(broken, Ct));
        var wrongSnapshot = Append("g1", 1, 3) with { Snapshot = Snapshot("g1", 2) };
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Store.AppendAsync(wrongSnapshot, Ct));
        Assert.Null(await Store.LoadAsync("g1", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_flipped_byte_in_storage_fails_the_checksum()
    {
        await Store.AppendAsync(Append("g1", 1, 3, snapshot: true), Ct);
        await CorruptEventAsync("g1", 2);
        await CorruptSnapshotAsync("g1", 3);

        var events = (await Store.ReadEventsAsync("g1", 1, 3, 10, Ct)).Events;
        Assert.True(RecordChecksum.IsIntact("g1", RecordChecksum.Kind.Event, 1, events[0].Payload));
        Assert.False(RecordChecksum.IsIntact("g1", RecordChecksum.Kind.Event, 2, events[1].Payload));
        var loaded = await Store.LoadAsync("g1", cancellationToken: Ct);
        Assert.False(RecordChecksum.IsIntact("g1", RecordChecksum.Kind.Snapshot, 3, loaded!.Snapshot!.Payload));
    }

    private static void AssertSameRecord(EventRecord expected, EventRecord actual)
    {
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.CommandId, actual.CommandId);
        Assert.Equal(expected.CommandFingerprint, actual.CommandFingerprint);
        Assert.Equal(expected.At, actual.At);
        AssertSamePayload(expected.Payload, actual.Payload);
    }

    private static void AssertSamePayload(EncodedPayload expected, EncodedPayload actual)
    {
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.SchemaVersion, actual.SchemaVersion);
        Assert.Equal(expected.Encoding, actual.Encoding);
        Assert.Equal(expected.Checksum, actual.Checksum);
        Assert.True(expected.Data.AsSpan().SequenceEqual(actual.Data), "payload bytes differ");
    }
}
