using Statecraft.Persistence.Stores;

namespace Statecraft.Grains.Tests.Cluster;

/// <summary>
/// The game store of the test clusters. It lives outside the silos (in-process silos share the test process), so it
/// plays the part of durable storage: a killed silo loses its memory, not the store.
/// </summary>
internal static class SharedStore
{
    public static InMemoryGameStore Instance { get; } = new();
}
