namespace Statecraft.Abstractions.Grains;

/// <summary>
/// The game's store could not be written after retries; the command was not applied and nothing was acknowledged.
/// Retrying the same command id later is safe.
/// </summary>
[GenerateSerializer]
[Alias("statecraft.GameStorageUnavailableException")]
public sealed class GameStorageUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="gameId"/>.</summary>
    public static GameStorageUnavailableException For(string gameId, Exception? innerException) =>
        new($"Storage for game '{gameId}' is unavailable; the command was not applied. Retry with the same command id.", innerException!);

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
}
