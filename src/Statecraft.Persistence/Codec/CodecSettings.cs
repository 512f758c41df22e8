namespace Statecraft.Persistence.Codec;

/// <summary>Whether and above which size payloads are Brotli-compressed.</summary>
/// <param name="Compress">Compress payloads larger than <paramref name="ThresholdBytes"/> (kept only when smaller).</param>
/// <param name="ThresholdBytes">Serialized size from which compression is tried.</param>
public sealed record CodecSettings(bool Compress = true, int ThresholdBytes = 1024);
