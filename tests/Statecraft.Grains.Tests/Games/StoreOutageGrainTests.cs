using Orleans.TestingHost;
using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.Abstractions.Operations;
using Statecraft.Grains.Games;
using Statecraft.Grains.Tests.Cluster;
using Statecraft.Persistence;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;
using Statecraft.Testing;

namespace Statecraft.Grains.Tests.Games;

/// <summary>
/// A game whose store is out when it activates: it never starts empty over stored history; every request gets the
/// typed, retryable error; and the first call after the outage loads the game as it was.
/// </summary>
public sealed class StoreOutageGrainTests
{
    [Fact]
    public async Task A_game_that_cannot_load_refuses_with_a_typed_error_and_loads_normally_after_the_outage()
    {
        var cluster = new TestClusterBuilder(1).AddSiloBuilderConfigurator<OutageStoreConfigurator>().Build();
        await cluster.DeployAsync();
        try
        {
            var gameId = $"outage-{Guid.NewGuid():N}";
            var grain = cluster.GrainFactory.GetGrain<IGameGrain>(gameId);
            Assert.True((await grain.Create(Guid.NewGuid(), "x", "tictactoe", new GameOptions())).Accepted);
            Assert.True((await grain.Join(Guid.NewGuid(), "x")).Accepted);
            await cluster.GrainFactory.GetGrain<IGameGrainControl>(gameId).Evict();
            await GameGrainTests.WaitUntilAsync(() => !Silos.Service<ActiveGames>(cluster.Primary!).Contains(gameId), TimeSpan.FromSeconds(10));

            OutageStore.Down = true;
            var read = await Assert.ThrowsAsync<GameStorageUnavailableException>(() => grain.GetView(null));
            var command = await Assert.ThrowsAsync<GameStorageUnavailableException>(() => grain.Join(Guid.NewGuid(), "o"));

            // The load's quick retries may already have opened the circuit: either way a typed, retryable refusal.
            Assert.Contains(read.Reason, new[] { StorageUnavailableReason.LoadFailed, StorageUnavailableReason.CircuitOpen });
            Assert.Contains("could not be loaded", command.Message, StringComparison.Ordinal);

            OutageStore.Down = false;
            ViewResult? view = null;
            await GameGrainTests.WaitUntilAsync(async () =>
            {
                try
                {
                    view = await grain.GetView(null);
                    return true;
                }
                catch (GameStorageUnavailableException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(20));
            Assert.Equal(2, view!.Version);
            Assert.True((await grain.Join(Guid.NewGuid(), "o")).Accepted);
        }
        finally
        {
            OutageStore.Down = false;
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private sealed class OutageStoreConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            new TestSiloConfigurator().Configure(siloBuilder);
            siloBuilder.Services.AddGameStore(_ => OutageStore.Instance);
        }
    }

    /// <summary>An in-memory store whose loads and appends fail while <see cref="Down"/> is set.</summary>
    private sealed class OutageStore(IGameStore inner) : DelegatingGameStore(inner)
    {
        public static volatile bool Down;

        public static OutageStore Instance { get; } = new(new InMemoryGameStore());

        public override string Name => "outage";

        public override ValueTask<StoredGame?> LoadAsync(string gameId, long? snapshotBeforeVersion = null, CancellationToken cancellationToken = default) =>
            Down ? throw new IOException("the store is down (test)") : Inner.LoadAsync(gameId, snapshotBeforeVersion, cancellationToken);

        public override ValueTask<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default) =>
            Down ? throw new IOException("the store is down (test)") : Inner.AppendAsync(request, cancellationToken);
    }
}
