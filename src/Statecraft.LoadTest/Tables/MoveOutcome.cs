using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;

namespace Statecraft.LoadTest.Tables;

/// <summary>How one scheduled command ended.</summary>
internal enum MoveOutcomeKind
{
    /// <summary>The move was applied.</summary>
    Accepted,

    /// <summary>The rules refused the move.</summary>
    Rejected,

    /// <summary>A call threw (timeout, unavailable silo, storage down after retries).</summary>
    Error,

    /// <summary>Nothing was sent: the table had no game in play or no legal move.</summary>
    Skipped,
}

/// <summary>One scheduled command's end and when the answer arrived (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
internal readonly record struct MoveOutcome(MoveOutcomeKind Kind, long RespondedAt, Durability Durability, RejectionCode RejectionCode, string? ErrorType)
{
    /// <summary>An accepted move.</summary>
    public static MoveOutcome Accepted(long respondedAt, Durability durability) => new(MoveOutcomeKind.Accepted, respondedAt, durability, default, null);

    /// <summary>A refused move.</summary>
    public static MoveOutcome Rejected(long respondedAt, RejectionCode code) => new(MoveOutcomeKind.Rejected, respondedAt, default, code, null);

    /// <summary>A call that threw.</summary>
    public static MoveOutcome Failed(long respondedAt, string errorType) => new(MoveOutcomeKind.Error, respondedAt, default, default, errorType);

    /// <summary>A command with nothing to send.</summary>
    public static MoveOutcome Skipped(long respondedAt) => new(MoveOutcomeKind.Skipped, respondedAt, default, default, null);

    /// <summary>The name errors are counted under: the exception's type, looking through a lone wrapper.</summary>
    public static string ErrorName(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is AggregateException { InnerExceptions: [var only] })
        {
            exception = only;
        }

        return exception.GetType().Name;
    }
}
