using System.Collections.Concurrent;
using Statecraft.Abstractions.Grains;
using Statecraft.Client;
using Statecraft.Engine.Core;
using Statecraft.Persistence.Stores;

namespace Statecraft.Cluster.Tests.Outage;

/// <summary>
/// An independent record of every acknowledgement the test client received, checked against what the store holds:
/// each command acknowledged <c>Durable</c> must be stored at the version the client was told — as an event, or inside
/// a catch-up snapshot's command window — and each game rebuilt from the store must equal the game the silo serves.
/// </summary>
internal sealed class JournalAudit
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<(Guid CommandId, long Version)>> _durable = new(StringComparer.Ordinal);
    private int _memoryOnly;

    public int Durable => _durable.Values.Sum(bag => bag.Count);

    public int MemoryOnly => Volatile.Read(ref _memoryOnly);

    public IEnumerable<string> Games => _durable.Keys;

    public void Record(string gameId, Guid commandId, CommandResult result)
    {
        if (result is { Accepted: true, Durability: Durability.Durable, IsReplay: false })
        {
            _durable.GetOrAdd(gameId, _ => []).Add((commandId, result.Version));
        }
        else if (result is { Accepted: true, Durability: Durability.MemoryOnly })
        {
            Interlocked.Increment(ref _memoryOnly);
        }
    }

    public void Track(string gameId) => _durable.GetOrAdd(gameId, _ => []);

    public async Task<List<string>> FindProblemsAsync(IGameStore store, StatecraftClient client, CancellationToken cancellationToken)
    {
        var repository = Testing.Repositories.For(store);
        var problems = new List<string>();
        foreach (var (gameId, acknowledged) in _durable)
        {
            var recovered = await repository.LoadAsync(gameId, cancellationToken);
            if (recovered is null)
            {
                if (!acknowledged.IsEmpty)
                {
                    problems.Add($"{gameId}: {acknowledged.Count} durable acknowledgements but nothing stored");
                }

                continue;
            }

            var window = recovered.Snapshot.RecentCommands.GroupBy(c => c.CommandId).ToDictionary(g => g.Key, g => g.Max(c => c.Version));
            var events = (await store.ReadEventsAsync(gameId, 1, long.MaxValue, 100_000, cancellationToken)).Events
                .GroupBy(e => e.CommandId).ToDictionary(g => g.Key, g => g.Max(e => e.Version));
            foreach (var (commandId, version) in acknowledged)
            {
                var stored = window.TryGetValue(commandId, out var inWindow) ? inWindow : events.TryGetValue(commandId, out var inEvents) ? inEvents : (long?)null;
                if (stored != version)
                {
                    problems.Add(stored is null
                        ? $"{gameId}: acknowledged command {commandId} (v{version}) is not stored"
                        : $"{gameId}: acknowledged command {commandId} at v{version} is stored at v{stored}");
                }
            }

            var live = await ReadLiveAsync(client, gameId, cancellationToken);
            if (live.Version != recovered.Version)
            {
                var snapshots = await store.ListSnapshotVersionsAsync(gameId, cancellationToken);
                problems.Add($"{gameId}: the silo serves v{live.Version} but the store rebuilds v{recovered.Version} " +
                    $"(snapshots {string.Join(",", snapshots)}; last event v{(events.Count == 0 ? 0 : events.Values.Max())}; {acknowledged.Count} durable acknowledgements, the last at v{(acknowledged.IsEmpty ? 0 : acknowledged.Max(a => a.Version))})");
            }
            else
            {
                try
                {
                    Assert.Equivalent(GameDecider.Default.ViewFor(recovered.Snapshot.State, null), live.View, strict: true);
                }
                catch (Xunit.Sdk.EquivalentException difference)
                {
                    problems.Add($"{gameId}: the stored journal replays to a different state than the live one: {difference.Message}");
                }
            }
        }

        return problems;
    }

    /// <summary>A read straight after a failover or restart may meet a gateway the client has not yet noticed is gone.</summary>
    private static async Task<Abstractions.Grains.ViewResult> ReadLiveAsync(StatecraftClient client, string gameId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.Game(gameId).Grain.GetView(null);
            }
            catch (Exception) when (attempt < 60)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }
}
