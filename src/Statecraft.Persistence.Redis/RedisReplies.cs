using System.Globalization;
using StackExchange.Redis;

namespace Statecraft.Persistence.Redis;

/// <summary>Unpacks script replies, failing with a clear message when a reply has an unexpected shape.</summary>
internal static class RedisReplies
{
    public static RedisResult[] Array(RedisResult? reply) =>
        (RedisResult[]?)reply ?? throw new InvalidDataException("Redis returned nil where the store expected an array.");

    public static byte[] Bytes(RedisResult reply) =>
        (byte[]?)reply ?? throw new InvalidDataException("Redis returned nil where the store expected a stored record.");

    public static byte[] Bytes(RedisValue value) =>
        (byte[]?)value ?? throw new InvalidDataException("Redis returned nil where the store expected a stored record.");

    /// <summary>Versions come back as sorted-set scores, which Redis formats as doubles ("12", or "1e+20" if ever that large).</summary>
    public static long Version(RedisResult reply) => (long)(double)reply;

    /// <summary>The <c>used_memory</c> field of an <c>INFO memory</c> reply, or null when the reply lacks it.</summary>
    public static long? UsedMemory(string? info)
    {
        foreach (var line in (info ?? string.Empty).Split('\n'))
        {
            if (line.StartsWith("used_memory:", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan("used_memory:".Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
            {
                return bytes;
            }
        }

        return null;
    }
}
