using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.Client;

namespace Statecraft.LoadTest.Tables;

/// <summary>The game calls over the Statecraft client, which retries each command in transit with its command id.</summary>
internal sealed class StatecraftGameCluster(StatecraftClient client) : IGameCluster
{
    /// <inheritdoc />
    public Task<CommandResult> CreateAsync(string gameId, string playerId, string rulesetId, GameOptions options, CancellationToken cancellationToken) =>
        client.Game(gameId).CreateAsync(playerId, rulesetId, options, cancellationToken: cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> JoinAsync(string gameId, string playerId, CancellationToken cancellationToken) =>
        client.Game(gameId).JoinAsync(playerId, cancellationToken: cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> StartAsync(string gameId, string playerId, CancellationToken cancellationToken) =>
        client.Game(gameId).StartAsync(playerId, cancellationToken: cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> MoveAsync(string gameId, string playerId, Move move, CancellationToken cancellationToken) =>
        client.Game(gameId).MoveAsync(playerId, move, cancellationToken: cancellationToken);

    /// <inheritdoc />
    public async Task<GameView?> GetViewAsync(string gameId, CancellationToken cancellationToken) =>
        (await client.Game(gameId).GetViewAsync(null, cancellationToken: cancellationToken)).View;

    /// <inheritdoc />
    public Task<IReadOnlyList<Move>> GetLegalMovesAsync(string gameId, string playerId, CancellationToken cancellationToken) =>
        client.Game(gameId).GetLegalMovesAsync(playerId, cancellationToken);
}
