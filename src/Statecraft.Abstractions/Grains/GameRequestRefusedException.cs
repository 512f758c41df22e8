using Statecraft.Abstractions.Games;

namespace Statecraft.Abstractions.Grains;

/// <summary>
/// A request that returns no <see cref="CommandResult"/> (a subscription, a view) was refused for bad input: an
/// invalid game or player id, or too many subscriptions. <see cref="Code"/> is the same stable code a command would
/// carry; nothing changed.
/// </summary>
[GenerateSerializer]
[Alias("statecraft.GameRequestRefusedException")]
public sealed class GameRequestRefusedException : Exception
{
    /// <summary>Creates the exception for a rejection.</summary>
    public GameRequestRefusedException(Rejection rejection)
        : base(rejection?.Message)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        Code = rejection.Code;
    }

    /// <summary>Creates the exception.</summary>
    public GameRequestRefusedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GameRequestRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public GameRequestRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the request was refused.</summary>
    [Id(0)]
    public RejectionCode Code { get; private set; }
}
