namespace Statecraft.Persistence.Journal;

/// <summary>Why a stored game cannot be rebuilt.</summary>
public enum RecoveryFailure
{
    /// <summary>An event failed its checksum or does not decode; skipping it would lose acknowledged data.</summary>
    CorruptEvent,

    /// <summary>Events between the usable snapshot and the stream's version are missing.</summary>
    MissingEvents,

    /// <summary>The rebuilt state breaks the rules' invariants and no older snapshot avoids it.</summary>
    InvalidState,
}

/// <summary>A stored game could not be rebuilt; the game must not start over its history.</summary>
public sealed class GameRecoveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GameRecoveryException(string gameId, RecoveryFailure failure, string detail, Exception? innerException = null)
        : base($"Game '{gameId}' cannot be recovered ({failure}): {detail}", innerException)
    {
        GameId = gameId;
        Failure = failure;
    }

    /// <summary>Creates the exception with a message.</summary>
    public GameRecoveryException(string message)
        : base(message) => GameId = string.Empty;

    /// <summary>Creates the exception with a message and cause.</summary>
    public GameRecoveryException(string message, Exception innerException)
        : base(message, innerException) => GameId = string.Empty;

    /// <summary>Creates the exception.</summary>
    public GameRecoveryException()
        : this("A game cannot be recovered.")
    {
    }

    /// <summary>The game.</summary>
    public string GameId { get; }

    /// <summary>The kind of failure.</summary>
    public RecoveryFailure Failure { get; }
}
