namespace Statecraft.Abstractions.Games;

/// <summary>
/// Stable codes for commands the rules refuse. Numeric values are part of the wire contract: never renumber,
/// only add.
/// </summary>
public enum RejectionCode
{
    /// <summary>The command is missing fields or its payload cannot be parsed.</summary>
    MalformedCommand = 1,
    /// <summary>No game exists under this id yet.</summary>
    GameNotFound = 2,
    /// <summary>A game already exists under this id.</summary>
    GameAlreadyExists = 3,
    /// <summary>The requested ruleset is not registered.</summary>
    UnknownRuleset = 4,
    /// <summary>The game options or settings are invalid for the ruleset.</summary>
    InvalidOptions = 5,
    /// <summary>The command is not allowed in the current phase.</summary>
    WrongPhase = 6,
    /// <summary>It is another player's turn.</summary>
    NotYourTurn = 7,
    /// <summary>The acting player is not seated in this game.</summary>
    UnknownPlayer = 8,
    /// <summary>The player is already seated.</summary>
    AlreadyJoined = 9,
    /// <summary>Every seat is taken.</summary>
    GameFull = 10,
    /// <summary>Too few players are seated to start.</summary>
    NotEnoughPlayers = 11,
    /// <summary>Only the host (the first seated player) may do this.</summary>
    NotHost = 12,
    /// <summary>The game has finished or was abandoned.</summary>
    GameOver = 13,
    /// <summary>The move is not legal in the current position.</summary>
    IllegalMove = 14,
    /// <summary>A card of the led suit must be played while the player holds one.</summary>
    MustFollowSuit = 15,
    /// <summary>The card is not in the player's hand.</summary>
    CardNotInHand = 16,
    /// <summary>The bid is below zero or above the hand size.</summary>
    BidOutOfRange = 17,
    /// <summary>The last bidder may not make the total of bids equal the number of tricks (the hook rule).</summary>
    HookRule = 18,
    /// <summary>The board cell is already taken.</summary>
    CellOccupied = 19,
    /// <summary>The move names a position outside the board.</summary>
    OutOfBounds = 20,
    /// <summary>The game has started; seats can no longer change.</summary>
    GameInProgress = 21,
    /// <summary>
    /// Recovery is switched off and storage already holds a game under this id; it is not overwritten by a fresh one.
    /// </summary>
    StoredHistoryExists = 22,
    /// <summary>The stored game cannot be rebuilt (a damaged event, missing history); operators must repair or restore it.</summary>
    RecoveryFailed = 23,
    /// <summary>Another writer changed the game at the same time; the command was not applied. Retrying is safe.</summary>
    ConcurrencyConflict = 24,
    /// <summary>
    /// The command id was already used for a different command (another player, action or payload) in this game.
    /// Command ids are idempotency keys: reuse one only to retry the very same command; use a new id for a new command.
    /// </summary>
    CommandIdReused = 25,
    /// <summary>The game id is too long or has characters outside letters, digits and <c>- _ . : @</c>; nothing was stored.</summary>
    InvalidGameId = 26,
    /// <summary>The player id is blank, too long or holds control characters.</summary>
    InvalidPlayerId = 27,
    /// <summary>
    /// The command id lies in the range the cluster keeps for its own commands (turn timers: UUID version 8); clients
    /// use random (version 4) or time-ordered (version 7) ids.
    /// </summary>
    ReservedCommandId = 28,
    /// <summary>
    /// The decision would have left the game in a state that breaks one of its invariants (a rules defect); nothing was
    /// stored and the game is unchanged. Operators see it counted in <c>statecraft_invariant_violations_total</c>.
    /// </summary>
    InvariantViolated = 29,
    /// <summary>The game already has as many live subscriptions as it keeps.</summary>
    TooManySubscriptions = 30,
}
