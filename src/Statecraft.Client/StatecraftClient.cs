using Microsoft.Extensions.Options;
using Polly;
using Statecraft.Abstractions.Flags;
using Statecraft.Abstractions.Lobby;

namespace Statecraft.Client;

/// <summary>The frontend's entry point: a handle per game and the cluster's feature flags.</summary>
public sealed class StatecraftClient
{
    private readonly ResiliencePipeline _retry;

    /// <summary>Creates the client over a connected Orleans client.</summary>
    public StatecraftClient(IClusterClient cluster, IOptions<StatecraftClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Cluster = cluster;
        Options = options.Value;
        _retry = CommandRetry.Build(Options.CommandAttempts);
    }

    /// <summary>The underlying Orleans client.</summary>
    public IClusterClient Cluster { get; }

    /// <summary>The client's settings.</summary>
    public StatecraftClientOptions Options { get; }

    /// <summary>The cluster's feature flags.</summary>
    public IFeatureFlagGrain Flags => Cluster.GetGrain<IFeatureFlagGrain>(IFeatureFlagGrain.Key);

    /// <summary>A handle to one game.</summary>
    public GameHandle Game(string gameId) => new(this, gameId, _retry);

    /// <summary>
    /// The lobby: open and running games, and those that ended in the last minutes, most recently changed first. Read
    /// from every directory shard at once; a game appears within moments of being created or changing phase.
    /// </summary>
    public async Task<IReadOnlyList<GameListing>> ListGamesAsync(CancellationToken cancellationToken = default)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, GameDirectory.ShardCount)
            .Select(shard => Cluster.GetGrain<IGameDirectoryGrain>(shard).List().WaitAsync(cancellationToken))).ConfigureAwait(false);
        return [.. shards.SelectMany(listings => listings).OrderByDescending(l => l.UpdatedAt).ThenBy(l => l.GameId, StringComparer.Ordinal)];
    }
}
