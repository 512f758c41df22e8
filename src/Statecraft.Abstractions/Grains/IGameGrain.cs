using Statecraft.Abstractions.Games;

namespace Statecraft.Abstractions.Grains;

/// <summary>
/// One game, keyed by its game id (1 to 128 letters, digits or <c>- _ . : @</c>; see <see cref="GameLimits"/>). With
/// persistence on, an accepted command is acknowledged <see cref="Durability.Durable"/> only after its events are stored.
/// </summary>
/// <remarks>
/// <para><b>Command ids are idempotency keys.</b> Every command carries a command id chosen by the caller (a random or
/// time-ordered UUID). Retrying a command with the same id — after a lost reply, a timeout or a failover — applies it
/// once and returns the original outcome with <see cref="CommandResult.IsReplay"/>. The same id with a
/// <i>different</i> command (another player, action or payload) is refused with
/// <see cref="RejectionCode.CommandIdReused"/> and changes nothing: use a new id for every new command. Ids are
/// remembered for the game's last 1,000 commands (the persistence preset's window); an older retry is decided afresh.</para>
/// <para>UUID version 8 ids are reserved for the cluster's own commands (turn timers) and refused with
/// <see cref="RejectionCode.ReservedCommandId"/>.</para>
/// <para>Bad input is refused with a typed rejection (commands) or a <see cref="GameRequestRefusedException"/> (views,
/// legal moves, subscriptions), never stored, and never echoed back in full.</para>
/// </remarks>
[Alias("statecraft.IGameGrain")]
public interface IGameGrain : IGrainWithStringKey
{
    /// <summary>Creates the game with a ruleset (<c>tictactoe</c>, <c>oh-hell</c>) and options.</summary>
    [Alias("Create")]
    Task<CommandResult> Create(Guid commandId, string playerId, string rulesetId, GameOptions options);

    /// <summary>Takes a seat.</summary>
    [Alias("Join")]
    Task<CommandResult> Join(Guid commandId, string playerId);

    /// <summary>Gives up a seat before the start.</summary>
    [Alias("Leave")]
    Task<CommandResult> Leave(Guid commandId, string playerId);

    /// <summary>Starts the game (host only).</summary>
    [Alias("Start")]
    Task<CommandResult> Start(Guid commandId, string playerId);

    /// <summary>Makes a move.</summary>
    [Alias("SubmitMove")]
    Task<CommandResult> SubmitMove(Guid commandId, string playerId, Move move);

    /// <summary>Ends the game early.</summary>
    [Alias("Abandon")]
    Task<CommandResult> Abandon(Guid commandId, string playerId, string reason);

    /// <summary>Runs any command; the typed methods above are shorthands for it.</summary>
    [Alias("Execute")]
    Task<CommandResult> Execute(GameCommand command);

    /// <summary>
    /// The view of <paramref name="playerId"/> (null for a spectator); when <paramref name="knownVersion"/> equals the
    /// game's version, no view is sent.
    /// </summary>
    [Alias("GetView")]
    Task<ViewResult> GetView(string? playerId, long? knownVersion = null);

    /// <summary>The moves <paramref name="playerId"/> may make now.</summary>
    [Alias("GetLegalMoves")]
    Task<IReadOnlyList<Move>> GetLegalMoves(string playerId);

    /// <summary>
    /// Sends <paramref name="playerId"/>'s view (an empty id: the spectator's view) to <paramref name="observer"/> on
    /// every change until unsubscribed or expired. A game keeps at most <see cref="GameLimits.MaxSubscriptionsPerGame"/> live subscriptions; renewing an
    /// existing one always succeeds.
    /// </summary>
    [Alias("Subscribe")]
    Task Subscribe(string playerId, IGameObserver observer);

    /// <summary>Stops notifications to <paramref name="observer"/>.</summary>
    [Alias("Unsubscribe")]
    Task Unsubscribe(IGameObserver observer);
}
