using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Sockets;
using Statecraft.Persistence.Codec;
using Statecraft.Persistence.Resilience;

namespace Statecraft.Persistence.Telemetry;

/// <summary>Kinds of persistence errors: a bounded set, each a label value of <c>statecraft_store_errors_total</c>.</summary>
public enum StoreErrorKind
{
    /// <summary>The call took too long (the silo's own timeout or the client library's).</summary>
    Timeout,

    /// <summary>The store could not be reached or refused the connection.</summary>
    Unavailable,

    /// <summary>Another writer stored the game first (expected-version check failed).</summary>
    Conflict,

    /// <summary>A stored record failed its checksum or could not be decoded.</summary>
    Corrupt,

    /// <summary>The silo's outage protection refused the call (circuit open, queue full).</summary>
    Rejected,

    /// <summary>Anything else: read the log line of the failing operation.</summary>
    Other,
}

/// <summary>Counts persistence errors by store, operation and <see cref="StoreErrorKind"/>.</summary>
public static class StoreErrors
{
    private static readonly Counter<long> Errors = StatecraftMeter.Instance.CreateCounter<long>(
        "statecraft.store.errors", description: "Game store operations that failed, by store, operation and kind of error.");

    /// <summary>Counts one error.</summary>
    public static void Record(string store, string operation, StoreErrorKind kind, long count = 1) =>
        Errors.Add(count, new TagList { { "store", store }, { "operation", operation }, { "kind", Tag(kind) } });

    /// <summary>
    /// The kind of a store failure. The backends' own exception types are not visible here (this layer knows no backend),
    /// so the classification goes by the .NET types they derive from or wrap — <see cref="TimeoutException"/> (Redis and
    /// the silo's timeouts), socket, I/O and HTTP errors (connections), and by name for client libraries' connection
    /// exceptions (StackExchange.Redis <c>RedisConnectionException</c>).
    /// </summary>
    public static StoreErrorKind Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case TimeoutException or OperationCanceledException:
                    return StoreErrorKind.Timeout;
                case StoreCallRejectedException:
                    return StoreErrorKind.Rejected;
                case CorruptRecordException or UnknownRecordTypeException:
                    return StoreErrorKind.Corrupt;
                case SocketException or IOException or HttpRequestException:
                    return StoreErrorKind.Unavailable;
            }

            if (current.GetType().Name.EndsWith("ConnectionException", StringComparison.Ordinal))
            {
                return StoreErrorKind.Unavailable;
            }
        }

        return StoreErrorKind.Other;
    }

    internal static string Tag(StoreErrorKind kind) => kind switch
    {
        StoreErrorKind.Timeout => "timeout",
        StoreErrorKind.Unavailable => "unavailable",
        StoreErrorKind.Conflict => "conflict",
        StoreErrorKind.Corrupt => "corrupt",
        StoreErrorKind.Rejected => "rejected",
        _ => "other",
    };
}
