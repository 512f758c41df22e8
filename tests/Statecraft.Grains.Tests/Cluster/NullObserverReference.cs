using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;

namespace Statecraft.Grains.Tests.Cluster;

/// <summary>An observer that ignores views, registered with the test cluster's client so a grain can hold a reference to it.</summary>
internal sealed class NullObserverReference : IGameObserver
{
    public NullObserverReference(ClusterFixture fixture) =>
        Reference = fixture.Cluster.Client.CreateObjectReference<IGameObserver>(this);

    public IGameObserver Reference { get; }

    public Task ViewChanged(GameView view) => Task.CompletedTask;
}
