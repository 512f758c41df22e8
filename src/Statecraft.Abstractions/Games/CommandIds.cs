using System.IO.Hashing;
using System.Text;

namespace Statecraft.Abstractions.Games;

/// <summary>
/// The two spaces of command ids. Clients use random (UUID version 4) or time-ordered (version 7) ids. Ids the cluster
/// issues for its own commands — a turn timer playing the default move — are derived from what they act on and carry
/// UUID version 8, a range client commands are refused from, so no client can take a timer's id first and make its
/// firing look like a retry.
/// </summary>
public static class CommandIds
{
    private const int ClusterVersion = 8;

    /// <summary>True when <paramref name="commandId"/> lies in the range kept for the cluster's own commands.</summary>
    public static bool IsReservedForCluster(Guid commandId) => commandId.Version == ClusterVersion;

    /// <summary>
    /// A cluster command id derived from <paramref name="scope"/> (for example <c>turn-timeout:game-1:12</c>): the same
    /// scope always gives the same id, so one deadline handled twice is applied once.
    /// </summary>
    public static Guid ForCluster(string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Span<byte> bytes = stackalloc byte[16];
        XxHash128.Hash(Encoding.UTF8.GetBytes(scope), bytes);
        // RFC 9562 layout, big-endian: the version is the high nibble of byte 6, the variant the top bits of byte 8.
        bytes[6] = (byte)((bytes[6] & 0x0F) | (ClusterVersion << 4));
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
