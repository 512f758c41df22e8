using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Statecraft.Abstractions.Games;

namespace Statecraft.Engine.Core;

/// <summary>
/// A 64-bit digest of what a command asks for — the player, the action and its payload, not its id or time — kept
/// with the command id so that a reused id can be told from a retry: the same id with the same fingerprint is a retry
/// (answered with the original outcome), with another fingerprint it is refused as
/// <see cref="RejectionCode.CommandIdReused"/>. Zero means "not recorded" (history written before fingerprints).
/// </summary>
public static class CommandFingerprint
{
    /// <summary>The fingerprint of <paramref name="command"/>; never zero.</summary>
    public static ulong Of(GameCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var hash = new XxHash64();
        Append(hash, command.PlayerId);
        switch (command.Action)
        {
            case CreateGame create:
                Append(hash, "create");
                Append(hash, create.RulesetId);
                Append(hash, create.Options?.TurnTimeout?.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
                foreach (var (key, value) in create.Options?.Settings ?? System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty)
                {
                    Append(hash, key);
                    Append(hash, value);
                }

                break;
            case MakeMove move:
                Append(hash, "move");
                Append(hash, move.Move?.Kind);
                Append(hash, move.Move?.Payload);
                break;
            case AbandonGame abandon:
                Append(hash, "abandon");
                Append(hash, abandon.Reason);
                break;
            case null:
                Append(hash, null);
                break;
            default:
                // Join, leave, start: the action's type says it all.
                Append(hash, command.Action.GetType().Name);
                break;
        }

        var value64 = hash.GetCurrentHashAsUInt64();
        return value64 == 0 ? 1 : value64;
    }

    /// <summary>True unless both fingerprints are recorded and differ: history without fingerprints is taken on trust.</summary>
    public static bool Matches(ulong recorded, ulong current) => recorded == 0 || current == 0 || recorded == current;

    // Length-prefixed, with null distinct from empty, so ("ab", "c") and ("a", "bc") never collide by construction.
    private static void Append(XxHash64 hash, string? text)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, text is null ? -1 : Encoding.UTF8.GetByteCount(text));
        hash.Append(length);
        if (text is not null)
        {
            hash.Append(Encoding.UTF8.GetBytes(text));
        }
    }
}
