namespace Statecraft.Persistence.Records;

/// <summary>How a record's payload bytes are stored. Values are persisted: never renumber.</summary>
public enum PayloadEncoding : byte
{
    /// <summary>UTF-8 JSON as is.</summary>
    Json = 0,

    /// <summary>Brotli-compressed UTF-8 JSON.</summary>
    BrotliJson = 1,
}
