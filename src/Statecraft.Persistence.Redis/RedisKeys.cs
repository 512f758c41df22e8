using System.Text;
using StackExchange.Redis;

namespace Statecraft.Persistence.Redis;

/// <summary>The three keys of one game. They share the hash tag <c>{prefix:id}</c>, so they live in one cluster slot and one script may touch them all.</summary>
internal readonly record struct GameKeys(RedisKey Head, RedisKey Events, RedisKey Snapshots)
{
    /// <summary>In the order every script expects them as <c>KEYS[1..3]</c>.</summary>
    public RedisKey[] All => [Head, Events, Snapshots];
}

/// <summary>
/// Names every key the store writes. Per game: <c>{prefix:id}:head</c>, <c>{prefix:id}:events</c> and
/// <c>{prefix:id}:snapshots</c>; across games: <c>prefix:games</c> and <c>prefix:finished</c>, which sit in slots of
/// their own. The game id is escaped inside the tag, so no id can end the tag early or impersonate another id.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    /// <summary>Every game id, all at score 0, so <c>ZRANGEBYLEX</c> pages them in id order.</summary>
    public RedisKey Games { get; } = $"{prefix}:games";

    /// <summary>Finished game ids scored by finish time (Unix milliseconds), for retention.</summary>
    public RedisKey Finished { get; } = $"{prefix}:finished";

    public GameKeys For(string gameId)
    {
        var tag = $"{{{prefix}:{Escape(gameId)}}}";
        return new GameKeys($"{tag}:head", $"{tag}:events", $"{tag}:snapshots");
    }

    /// <summary>
    /// Percent-encodes <c>%</c>, <c>{</c>, <c>}</c> and <c>:</c> and nothing else: a brace would end or restart the
    /// hash tag and a colon would blur where the prefix stops, while ordinary ids stay readable in <c>redis-cli</c>.
    /// Escaping <c>%</c> itself keeps the mapping one-to-one.
    /// </summary>
    public static string Escape(string gameId)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        if (gameId.AsSpan().IndexOfAny("%{}:") < 0)
        {
            return gameId;
        }

        var escaped = new StringBuilder(gameId.Length + 8);
        foreach (var c in gameId)
        {
            _ = c switch
            {
                '%' => escaped.Append("%25"),
                '{' => escaped.Append("%7B"),
                '}' => escaped.Append("%7D"),
                ':' => escaped.Append("%3A"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
