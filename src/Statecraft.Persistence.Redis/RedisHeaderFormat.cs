using System.Globalization;
using StackExchange.Redis;
using Statecraft.Persistence.Records;

namespace Statecraft.Persistence.Redis;

/// <summary>
/// The game header as the hash <c>{prefix:id}:head</c>. Fields: <c>version</c>, <c>ruleset</c>, <c>phase</c>,
/// <c>updatedAt</c>, <c>finishedAt</c> (absent while running), <c>lastBatchId</c>, <c>lastBatchExpected</c> and
/// <c>indexed</c> (see <see cref="RedisGameStore"/>). Timestamps are ISO 8601 round-trip strings
/// (<c>2026-03-01T12:00:00.0000000+00:00</c>): exact to the tick, offset kept, readable in <c>redis-cli</c>.
/// </summary>
internal static class RedisHeaderFormat
{
    /// <summary>What <c>indexed</c> holds once a running game is in the games index (finished ones hold their <c>finishedAt</c>).</summary>
    public const string RunningMarker = "running";

    /// <summary>The fields <see cref="Read"/> expects, in order; the load script reads the same list.</summary>
    public static readonly RedisValue[] Fields = ["version", "ruleset", "phase", "updatedAt", "finishedAt", "indexed"];

    public static string Timestamp(DateTimeOffset value) => value.ToString("o", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTimestamp(string value) =>
        DateTimeOffset.ParseExact(value, "o", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>
    /// What <c>indexed</c> must say for the game to be fully indexed: the finish time when finished, else
    /// <see cref="RunningMarker"/>. The append and mark scripts derive the same value on the server.
    /// </summary>
    public static string IndexMarker(DateTimeOffset? finishedAt) => finishedAt is { } finished ? Timestamp(finished) : RunningMarker;

    /// <summary>The finished index's score: milliseconds are exact in a double, ticks are not.</summary>
    public static double FinishedScore(DateTimeOffset finishedAt) => finishedAt.ToUnixTimeMilliseconds();

    /// <summary>Reads <see cref="Fields"/> values; null when the hash does not exist (no version).</summary>
    public static (GameHeader Header, string? Indexed)? Read(string gameId, RedisValue[] values)
    {
        if (values.Length < Fields.Length || values[0].IsNull)
        {
            return null;
        }

        var header = new GameHeader(
            gameId,
            values[1].ToString(),
            values[2].ToString(),
            (long)values[0],
            ParseTimestamp(values[3].ToString()),
            values[4].IsNull ? null : ParseTimestamp(values[4].ToString()));
        return (header, values[5].IsNull ? null : values[5].ToString());
    }
}
