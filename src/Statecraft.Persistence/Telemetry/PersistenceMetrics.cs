using System.Diagnostics.Metrics;

namespace Statecraft.Persistence.Telemetry;

/// <summary>
/// Instruments of the codec, on the shared <see cref="StatecraftMeter"/>. Static because the meter is process-wide and
/// the codec is used on hot paths.
/// </summary>
public static class PersistenceMetrics
{
    private static Meter Meter => StatecraftMeter.Instance;

    /// <summary>Stored size divided by serialized size for records that were compressed.</summary>
    public static readonly Histogram<double> CompressionRatio = Meter.CreateHistogram<double>(
        "statecraft.codec.compression_ratio", unit: "1", description: "Stored bytes over serialized bytes, per compressed record.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0] });

    /// <summary>Bytes serialized and bytes stored, tagged by record kind and stage (serialized or stored).</summary>
    public static readonly Counter<long> Bytes = Meter.CreateCounter<long>(
        "statecraft.codec.bytes", unit: "By", description: "Bytes encoded by the codec, before and after compression.");

    /// <summary>Records that failed their checksum or could not be decoded.</summary>
    public static readonly Counter<long> CorruptRecords = Meter.CreateCounter<long>(
        "statecraft.codec.corrupt_records", description: "Stored records that failed their checksum or could not be decoded.");
}
