using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Statecraft.Abstractions.Flags;
using Statecraft.Grains.Flags;
using Statecraft.Grains.Hosting;
using Statecraft.Grains.Tests.Cluster;
using Statecraft.Persistence;

namespace Statecraft.Grains.Tests.Flags;

/// <summary>A flag change whose write fails changes nothing: not storage, not the grain's answers, not the audit.</summary>
public sealed class FlagStorageFailureTests
{
    [Fact]
    public async Task A_change_that_cannot_be_stored_leaves_the_flags_as_they_were()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = new TestClusterBuilder(1).AddSiloBuilderConfigurator<FailingFlagStorageConfigurator>().Build();
        await cluster.DeployAsync(ct);
        try
        {
            var flags = cluster.GrainFactory.GetGrain<IFeatureFlagGrain>(IFeatureFlagGrain.Key);
            await flags.Change(new FlagChange { Name = FlagNames.EnableStateSnapshots, Enabled = false, ChangedBy = "t", Reason = "first" });
            var before = await flags.GetSnapshot();
            var storage = Silos.Service<SwitchableFlagStorage>(cluster.Primary!);

            storage.FailWrites = true;
            await Assert.ThrowsAsync<FlagStorageUnavailableException>(() => flags.Change(
                new FlagChange { Name = FlagNames.UseStatePersistence, Enabled = false, ChangedBy = "t", Reason = "lost" }));

            var after = await flags.GetSnapshot();
            Assert.Equal(before.Revision, after.Revision);
            Assert.True(after.IsEnabled(FlagNames.UseStatePersistence));
            Assert.DoesNotContain(await flags.GetAudit(100), entry => entry.Reason == "lost");

            storage.FailWrites = false;
            var retried = await flags.Change(new FlagChange { Name = FlagNames.UseStatePersistence, Enabled = false, ChangedBy = "t", Reason = "retried" });
            Assert.Equal(before.Revision + 1, retried.Revision);
            Assert.False(retried.IsEnabled(FlagNames.UseStatePersistence));
            Assert.Equal(retried.Revision, storage.StoredRevision);
        }
        finally
        {
            await cluster.StopAllSilosAsync(ct);
            await cluster.DisposeAsync();
        }
    }

    private sealed class FailingFlagStorageConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestSiloConfigurator.Settings).Build();
            siloBuilder.Services.AddGameStore(_ => SharedStore.Instance);
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddSingleton<SwitchableFlagStorage>();
            siloBuilder.Services.AddKeyedSingleton<IGrainStorage>(FeatureFlagGrain.StorageName, (sp, _) => sp.GetRequiredService<SwitchableFlagStorage>());
            siloBuilder.AddStatecraftGrains(configuration);
        }
    }
}

/// <summary>Flag storage in memory whose writes can be made to fail, as a store outage would.</summary>
internal sealed class SwitchableFlagStorage : IGrainStorage
{
    private readonly FlagStateSerializer _serializer = new();
    private BinaryData? _stored;
    private string? _etag;

    public volatile bool FailWrites;

    public long StoredRevision => _stored is null ? 0 : _serializer.Deserialize<FeatureFlagState>(_stored).Revision;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_stored is not null)
        {
            grainState.State = _serializer.Deserialize<T>(_stored);
            grainState.ETag = _etag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (FailWrites)
        {
            throw new IOException("flag storage is down (test)");
        }

        if (grainState.ETag != _etag)
        {
            throw new InconsistentStateException("stale etag", _etag, grainState.ETag);
        }

        _stored = _serializer.Serialize(grainState.State);
        _etag = Guid.NewGuid().ToString("N");
        grainState.ETag = _etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new NotSupportedException();
}
