using System.Text;

namespace Statecraft.Abstractions.Lobby;

/// <summary>Which directory shard holds a game: a stable hash of its id, the same in every process and version.</summary>
public static class GameDirectory
{
    /// <summary>The number of directory shards (grain keys 0 to <c>ShardCount - 1</c>).</summary>
    public const int ShardCount = 8;

    /// <summary>The shard of <paramref name="gameId"/> (FNV-1a of its UTF-8 bytes; <see cref="string.GetHashCode()"/> differs per process).</summary>
    public static int ShardOf(string gameId)
    {
        ArgumentNullException.ThrowIfNull(gameId);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(gameId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % ShardCount);
    }
}
