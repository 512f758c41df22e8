namespace Statecraft.Persistence.Records;

/// <summary>
/// A serialized event or snapshot: a stable type alias (never a CLR name), the schema version it was written with,
/// how the bytes are stored, the bytes, and a checksum over all of it plus the record's game and version.
/// </summary>
public sealed record EncodedPayload(string Type, int SchemaVersion, PayloadEncoding Encoding, byte[] Data, ulong Checksum)
{
    /// <summary>Length of the stored bytes.</summary>
    public int Length => Data.Length;
}
