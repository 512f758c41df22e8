using Statecraft.Persistence.Records;

namespace Statecraft.Persistence.Codec;

/// <summary>
/// A stored record failed its checksum or could not be decoded. Recovery treats a damaged snapshot by falling back to
/// an older one with more events; a damaged event cannot be skipped without losing acknowledged data, so it fails.
/// </summary>
public sealed class CorruptRecordException : Exception
{
    /// <summary>Creates the exception for one record.</summary>
    public CorruptRecordException(string gameId, RecordChecksum.Kind kind, long version, string reason, Exception? innerException = null)
        : base($"{kind} {version} of game '{gameId}' is damaged: {reason}.", innerException)
    {
        GameId = gameId;
        Kind = kind;
        Version = version;
    }

    /// <summary>Creates the exception with a message.</summary>
    public CorruptRecordException(string message)
        : base(message) => GameId = string.Empty;

    /// <summary>Creates the exception with a message and cause.</summary>
    public CorruptRecordException(string message, Exception innerException)
        : base(message, innerException) => GameId = string.Empty;

    /// <summary>Creates the exception.</summary>
    public CorruptRecordException()
        : this("A stored record is damaged.")
    {
    }

    /// <summary>The game the record belongs to.</summary>
    public string GameId { get; }

    /// <summary>Event or snapshot.</summary>
    public RecordChecksum.Kind Kind { get; }

    /// <summary>The record's version.</summary>
    public long Version { get; }
}
