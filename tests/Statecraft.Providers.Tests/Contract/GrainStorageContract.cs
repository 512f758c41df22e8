using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Statecraft.Grains.Flags;

namespace Statecraft.Providers.Tests.Contract;

/// <summary>
/// The behaviour every Orleans grain storage the silo uses must have (ETag concurrency, clear, keys, durability across
/// instances), with state serialized as the silo serializes flag state (<see cref="FlagStateSerializer"/>). Each
/// backend — our SQLite and DynamoDB providers, Orleans' Redis provider — derives one class that says how to open a
/// storage over its data and how many records the backend holds; every test here then runs against it.
/// </summary>
public abstract class GrainStorageContract : IAsyncDisposable
{
    protected const string StateName = "flags";

    protected static readonly GrainId Grain = GrainId.Create("flags", "global");

    private readonly List<IGrainStorage> _storages = [];

    protected ServiceProvider Services { get; } = new ServiceCollection().AddSerializer().BuildServiceProvider();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The serializer the silo keys to the flags' storage provider, whatever the backend.</summary>
    protected static IGrainStorageSerializer Serializer() => new FlagStateSerializer();

    protected IActivatorProvider Activators() => Services.GetRequiredService<IActivatorProvider>();

    /// <summary>
    /// Whether a conflict's <see cref="InconsistentStateException.StoredEtag"/> names the stored ETag. Orleans' Redis
    /// provider refuses the write just the same but leaves it empty; the refusal is what the contract requires.
    /// </summary>
    protected virtual bool ReportsStoredETagOnConflict => true;

    /// <summary>A new storage instance over this test's data (a restart when called again).</summary>
    protected abstract IGrainStorage CreateStorage();

    /// <summary>How many state records the backend holds, read behind the storage's back.</summary>
    protected abstract Task<int> CountStoredRecordsAsync();

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var storage in _storages.OfType<IDisposable>())
        {
            storage.Dispose();
        }

        await Services.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Written_state_reads_back_with_its_etag()
    {
        var storage = Open();
        var written = new TestState(new TestFlags { Enabled = { ["new-lobby"] = true }, Revision = 3 });
        await storage.WriteStateAsync(StateName, Grain, written, Ct);

        var read = await ReadAsync(storage);

        Assert.True(written.RecordExists);
        Assert.False(string.IsNullOrEmpty(written.ETag));
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(3, read.State.Revision);
        Assert.Equal(new Dictionary<string, bool> { ["new-lobby"] = true }, read.State.Enabled);
    }

    [Fact]
    public async Task Reading_a_missing_record_gives_empty_state_and_no_etag()
    {
        var storage = Open();
        var state = new TestState(new TestFlags { Revision = 9 }) { ETag = "left-over", RecordExists = true };

        await storage.ReadStateAsync(StateName, Grain, state, Ct);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.Equal(0, state.State.Revision);
        Assert.Empty(state.State.Enabled);
    }

    [Fact]
    public async Task Every_write_changes_the_etag()
    {
        var storage = Open();
        var state = new TestState(new TestFlags());
        await storage.WriteStateAsync(StateName, Grain, state, Ct);
        var first = state.ETag;

        state.State.Revision = 1;
        await storage.WriteStateAsync(StateName, Grain, state, Ct);

        Assert.NotEqual(first, state.ETag);
        Assert.Equal(state.ETag, (await ReadAsync(storage)).ETag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_throws_and_changes_nothing()
    {
        var storage = Open();
        var winner = new TestState(new TestFlags { Revision = 1 });
        await storage.WriteStateAsync(StateName, Grain, winner, Ct);
        var loser = new TestState(new TestFlags { Revision = 1 }) { ETag = winner.ETag, RecordExists = true };
        winner.State.Revision = 2;
        await storage.WriteStateAsync(StateName, Grain, winner, Ct);

        loser.State.Revision = 99;
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain, loser, Ct));

        Assert.Equal(ReportsStoredETagOnConflict ? winner.ETag : null, conflict.StoredEtag);
        Assert.NotEqual(winner.ETag, loser.ETag);
        var stored = await ReadAsync(storage);
        Assert.Equal(2, stored.State.Revision);
        Assert.Equal(winner.ETag, stored.ETag);
    }

    [Fact]
    public async Task Writing_a_new_record_over_an_existing_one_throws()
    {
        var storage = Open();
        var existing = new TestState(new TestFlags { Revision = 1 });
        await storage.WriteStateAsync(StateName, Grain, existing, Ct);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StateName, Grain, new TestState(new TestFlags { Revision = 2 }), Ct));

        Assert.Equal(ReportsStoredETagOnConflict ? existing.ETag : null, conflict.StoredEtag);
        Assert.Equal(1, (await ReadAsync(storage)).State.Revision);
    }

    [Fact]
    public async Task Writing_with_an_etag_when_no_record_exists_throws_and_creates_nothing()
    {
        var storage = Open();
        var state = new TestState(new TestFlags()) { ETag = "from-a-deleted-record" };

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain, state, Ct));

        Assert.Null(conflict.StoredEtag);
        Assert.False((await ReadAsync(storage)).RecordExists);
        Assert.Equal(0, await CountStoredRecordsAsync());
    }

    [Fact]
    public async Task Clearing_deletes_the_record_and_resets_the_etag()
    {
        var storage = Open();
        var state = new TestState(new TestFlags { Revision = 5 });
        await storage.WriteStateAsync(StateName, Grain, state, Ct);

        await storage.ClearStateAsync(StateName, Grain, state, Ct);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0, state.State.Revision);
        var read = await ReadAsync(storage);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(0, await CountStoredRecordsAsync());

        // Cleared, the record can be written again as new.
        state.State.Revision = 6;
        await storage.WriteStateAsync(StateName, Grain, state, Ct);
        Assert.Equal(6, (await ReadAsync(storage)).State.Revision);
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_throws_and_keeps_the_record()
    {
        var storage = Open();
        var state = new TestState(new TestFlags { Revision = 1 });
        await storage.WriteStateAsync(StateName, Grain, state, Ct);
        var stale = new TestState(new TestFlags()) { ETag = state.ETag, RecordExists = true };
        await storage.WriteStateAsync(StateName, Grain, state, Ct);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, Grain, stale, Ct));

        Assert.True((await ReadAsync(storage)).RecordExists);
    }

    [Fact]
    public async Task States_are_keyed_by_state_name_and_grain()
    {
        var storage = Open();
        await storage.WriteStateAsync(StateName, Grain, new TestState(new TestFlags { Revision = 1 }), Ct);
        await storage.WriteStateAsync("other", Grain, new TestState(new TestFlags { Revision = 2 }), Ct);
        await storage.WriteStateAsync(StateName, GrainId.Create("flags", "eu"), new TestState(new TestFlags { Revision = 3 }), Ct);

        Assert.Equal(1, (await ReadAsync(storage)).State.Revision);
        var other = new TestState();
        await storage.ReadStateAsync("other", Grain, other, Ct);
        Assert.Equal(2, other.State.Revision);
        Assert.Equal(3, await CountStoredRecordsAsync());
    }

    [Fact]
    public async Task State_survives_a_new_storage_instance()
    {
        var state = new TestState(new TestFlags { Enabled = { ["ranked"] = false }, Revision = 7 });
        var first = CreateStorage();
        await first.WriteStateAsync(StateName, Grain, state, Ct);
        (first as IDisposable)?.Dispose();

        var reopened = Open();
        var read = await ReadAsync(reopened);

        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(7, read.State.Revision);
        Assert.False(read.State.Enabled["ranked"]);
        // The ETag carried across the restart is still the current one.
        read.State.Revision = 8;
        await reopened.WriteStateAsync(StateName, Grain, read, Ct);
    }

    [Fact]
    public async Task The_flag_grains_real_state_round_trips_across_a_restart()
    {
        var written = FlagStates.Rich();
        var first = CreateStorage();
        var grainState = new GrainState<FeatureFlagState>(written);
        await first.WriteStateAsync(StateName, Grain, grainState, Ct);
        (first as IDisposable)?.Dispose();
        await ((first as IAsyncDisposable)?.DisposeAsync() ?? ValueTask.CompletedTask);

        var reopened = Open();
        var read = new GrainState<FeatureFlagState>(new FeatureFlagState());
        await reopened.ReadStateAsync(StateName, Grain, read, Ct);

        Assert.True(read.RecordExists);
        Assert.Equal(grainState.ETag, read.ETag);
        FlagStates.AssertEqual(written, read.State!);
        // What the grain serves from it: percentages, overrides and the audit trail all came back.
        var rules = new FeatureFlagRules(FlagStates.Options());
        Assert.True(rules.Snapshot(read.State!).IsEnabled("NewLobby", "vip-1"));
        Assert.False(rules.Snapshot(read.State!).IsEnabled("NewLobby", "banned-1"));

        // And the activation that read it can keep changing flags.
        var (next, _) = rules.Apply(read.State!, new Statecraft.Abstractions.Flags.FlagChange { Name = "NewLobby", Percentage = 50, ChangedBy = "t", Reason = "r" }, DateTimeOffset.UnixEpoch);
        read.State = next;
        await reopened.WriteStateAsync(StateName, Grain, read, Ct);
    }

    /// <summary>A storage that is disposed with the test.</summary>
    protected IGrainStorage Open()
    {
        var storage = CreateStorage();
        _storages.Add(storage);
        return storage;
    }

    protected static async Task<TestState> ReadAsync(IGrainStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var state = new TestState();
        await storage.ReadStateAsync(StateName, Grain, state, Ct);
        return state;
    }
}
