namespace Statecraft.Engine.Core;

/// <summary>
/// SplitMix64: a tiny, fully specified generator. The rules use it instead of <see cref="Random"/> because a shuffle
/// must come out the same on every runtime version for a given seed, and events record the outcome anyway.
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _state;

    /// <summary>Starts the sequence at <paramref name="seed"/>.</summary>
    public DeterministicRandom(ulong seed) => _state = seed;

    /// <summary>Derives a seed from a command id so a retried command deals the same cards.</summary>
    public static DeterministicRandom FromCommand(Guid commandId)
    {
        Span<byte> bytes = stackalloc byte[16];
        commandId.TryWriteBytes(bytes);
        var seed = BitConverter.ToUInt64(bytes[..8]) ^ BitConverter.ToUInt64(bytes[8..]);
        return new DeterministicRandom(seed);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>), without modulo bias.</summary>
    public int Next(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        var bound = (ulong)exclusiveMax;
        var threshold = (0UL - bound) % bound;
        ulong value;
        do
        {
            value = NextUInt64();
        }
        while (value < threshold);

        return (int)(value % bound);
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
