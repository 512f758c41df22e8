using System.Collections.Concurrent;
using Statecraft.Abstractions.Grains;
using Statecraft.Persistence.Stores;

namespace Statecraft.Cluster.Tests;

/// <summary>What the client saw acknowledged as durable, per game, to be checked against the journal in the store.</summary>
internal sealed class AcknowledgementLog
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<(Guid CommandId, long Version)>> _acknowledged = new(StringComparer.Ordinal);

    public int Count => _acknowledged.Values.Sum(bag => bag.Count);

    public void Record(string gameId, Guid commandId, CommandResult result)
    {
        if (result is { Accepted: true, Durability: Durability.Durable })
        {
            _acknowledged.GetOrAdd(gameId, _ => []).Add((commandId, result.Version));
        }
    }

    /// <summary>
    /// Every acknowledged command must be in the store's journal, its last event exactly at the acknowledged version,
    /// and each game's journal must be contiguous from 1 to its head.
    /// </summary>
    public async Task<List<string>> FindLossesAsync(IGameStore store, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var (gameId, acknowledged) in _acknowledged)
        {
            var events = (await store.ReadEventsAsync(gameId, 1, long.MaxValue, 100_000, cancellationToken)).Events;
            var head = (await store.LoadAsync(gameId, cancellationToken: cancellationToken))?.Version ?? 0;
            if (events.Count != head || events.Select((e, i) => e.Version != i + 1).Any(gap => gap))
            {
                problems.Add($"{gameId}: journal is not contiguous 1..{head} ({events.Count} events)");
            }

            var lastVersionByCommand = events.GroupBy(e => e.CommandId).ToDictionary(g => g.Key, g => g.Max(e => e.Version));
            foreach (var (commandId, version) in acknowledged)
            {
                if (!lastVersionByCommand.TryGetValue(commandId, out var stored))
                {
                    problems.Add($"{gameId}: acknowledged command {commandId} (v{version}) is missing from the journal");
                }
                else if (stored != version)
                {
                    problems.Add($"{gameId}: acknowledged command {commandId} at v{version} is stored at v{stored}");
                }
            }
        }

        return problems;
    }
}
