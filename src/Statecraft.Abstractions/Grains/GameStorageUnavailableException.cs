namespace Statecraft.Abstractions.Grains;

/// <summary>
/// The game's store could not be reached; the command was not applied and nothing was acknowledged (or, for a read, the
/// game could not be loaded). Retrying the same command id later is always safe; <see cref="Reason"/> says whether
/// retrying at once is worth it.
/// </summary>
[GenerateSerializer]
[Alias("statecraft.GameStorageUnavailableException")]
public sealed class GameStorageUnavailableException : Exception
{
    /// <summary>Creates the exception for a command on <paramref name="gameId"/> that was not applied.</summary>
    /// <remarks>
    /// The cause is summarised in the message, not attached: it is a store client's or the silo's own exception type,
    /// which a frontend's serializer does not know and could not act on (the silo logs it in full).
    /// </remarks>
    public static GameStorageUnavailableException For(string gameId, Exception? cause, StorageUnavailableReason reason = StorageUnavailableReason.WriteFailed) =>
        new($"Storage for game '{gameId}' is unavailable ({Describe(reason)}){Cause(cause)}; the command was not applied. Retry with the same command id.")
        {
            Reason = reason,
        };

    /// <summary>Creates the exception for a game that could not be loaded (the cause is summarised as in <see cref="For"/>).</summary>
    public static GameStorageUnavailableException NotLoaded(string gameId, Exception? cause, StorageUnavailableReason reason) =>
        new($"Game '{gameId}' could not be loaded ({Describe(reason)}){Cause(cause)}; nothing was applied. Retry shortly.")
        {
            Reason = reason,
        };

    /// <summary>Creates the exception.</summary>
    public GameStorageUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GameStorageUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public GameStorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the store could not be used.</summary>
    [Id(0)]
    public StorageUnavailableReason Reason { get; init; }

    /// <summary>
    /// True when an immediate retry may succeed (a single failed write or load, a full recovery queue); false while the
    /// silo is refusing store calls on purpose (open circuit, full degraded backlog), when retrying at once only adds load.
    /// </summary>
    public bool IsWorthRetryingNow => Reason is StorageUnavailableReason.WriteFailed or StorageUnavailableReason.LoadFailed or StorageUnavailableReason.RecoveryQueueFull;

    private static string Cause(Exception? cause) => cause is null ? string.Empty : $": {cause.GetType().Name}: {Truncate(cause.Message)}";

    private static string Truncate(string message) => message.Length <= 300 ? message : string.Concat(message.AsSpan(0, 300), "…");

    private static string Describe(StorageUnavailableReason reason) => reason switch
    {
        StorageUnavailableReason.CircuitOpen => "the store failed repeatedly and the silo's circuit breaker is open",
        StorageUnavailableReason.RecoveryQueueFull => "the silo is busy loading other games",
        StorageUnavailableReason.DegradedBacklogFull => "the store is out and the silo's in-memory backlog is full",
        StorageUnavailableReason.LoadFailed => "loading it from the store failed",
        _ => "the store write failed after retries",
    };
}

/// <summary>Why <see cref="GameStorageUnavailableException"/> was thrown.</summary>
public enum StorageUnavailableReason
{
    /// <summary>The store write failed (error or timeout) after the silo's quick retries.</summary>
    WriteFailed,

    /// <summary>The silo's circuit breaker is open: the store failed repeatedly just now and is not being called.</summary>
    CircuitOpen,

    /// <summary>Too many games were loading at once; this one waited too long for its turn.</summary>
    RecoveryQueueFull,

    /// <summary>Degrade mode: the silo's bound on in-memory games or unstored events per game is reached.</summary>
    DegradedBacklogFull,

    /// <summary>Loading the game from the store failed (error or timeout).</summary>
    LoadFailed,
}
