namespace Statecraft.Persistence.DynamoDB;

/// <summary>
/// Attribute names of the table's items. Several are DynamoDB reserved words (<c>version</c>, <c>type</c>, …), so every
/// expression refers to them through <c>#name</c> placeholders.
/// </summary>
/// <remarks>
/// Encodings: instants are <see cref="DateTimeOffset.UtcTicks"/> plus a separate offset in minutes, so they round-trip
/// exactly and compare as instants; ids are the 16 bytes of <see cref="Guid.ToByteArray()"/>; checksums are the
/// unsigned 64-bit value as a number; payload encodings are the <c>PayloadEncoding</c> byte.
/// </remarks>
internal static class DynamoDbAttributes
{
    // Header item.
    public const string Ruleset = "ruleset";
    public const string Phase = "phase";
    public const string Version = "version";
    public const string UpdatedAt = "updatedAt";
    public const string UpdatedAtOffset = "updatedAtOffset";
    public const string FinishedAt = "finishedAt";
    public const string FinishedAtOffset = "finishedAtOffset";
    public const string LastBatchId = "lastBatchId";
    public const string LastBatchExpected = "lastBatchExpected";

    /// <summary>A map from each stored snapshot's version to its number of parts, so loads and pruning need no index query.</summary>
    public const string Snapshots = "snapshots";

    // Event and snapshot record items (Version as well).
    public const string CommandId = "commandId";

    /// <summary>The fingerprint of the event's command; absent on events written before fingerprints were kept.</summary>
    public const string CommandFingerprint = "commandFingerprint";
    public const string At = "at";
    public const string AtOffset = "atOffset";
    public const string Type = "type";
    public const string SchemaVersion = "schemaVersion";
    public const string Encoding = "encoding";
    public const string Checksum = "checksum";

    /// <summary>How many items the payload spans: the record item plus <c>parts - 1</c> chunk items.</summary>
    public const string Parts = "parts";

    /// <summary>The payload bytes (of this part, on a chunked record); on every record and chunk item.</summary>
    public const string Payload = "payload";

    /// <summary>DynamoDB's time-to-live attribute (epoch seconds), on every item of a finished game when a TTL is configured.</summary>
    public const string ExpiresAt = "expiresAt";
}
