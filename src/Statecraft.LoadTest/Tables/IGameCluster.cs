using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;

namespace Statecraft.LoadTest.Tables;

/// <summary>
/// The game calls a table makes. The load test talks to a real cluster through <see cref="StatecraftGameCluster"/>;
/// the seam exists so the table logic is tested against an in-memory engine without a silo.
/// </summary>
internal interface IGameCluster
{
    /// <summary>Creates a game.</summary>
    Task<CommandResult> CreateAsync(string gameId, string playerId, string rulesetId, GameOptions options, CancellationToken cancellationToken);

    /// <summary>Seats a player.</summary>
    Task<CommandResult> JoinAsync(string gameId, string playerId, CancellationToken cancellationToken);

    /// <summary>Starts the game.</summary>
    Task<CommandResult> StartAsync(string gameId, string playerId, CancellationToken cancellationToken);

    /// <summary>Makes a move.</summary>
    Task<CommandResult> MoveAsync(string gameId, string playerId, Move move, CancellationToken cancellationToken);

    /// <summary>The spectator's view.</summary>
    Task<GameView?> GetViewAsync(string gameId, CancellationToken cancellationToken);

    /// <summary>The moves a player may make now.</summary>
    Task<IReadOnlyList<Move>> GetLegalMovesAsync(string gameId, string playerId, CancellationToken cancellationToken);
}
