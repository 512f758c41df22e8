namespace Statecraft.Persistence.Codec;

/// <summary>A stored record names a type or schema version this build cannot read.</summary>
public sealed class UnknownRecordTypeException : Exception
{
    /// <summary>Creates the exception for <paramref name="typeName"/> at <paramref name="schemaVersion"/>.</summary>
    public UnknownRecordTypeException(string typeName, int schemaVersion, string reason)
        : base($"Cannot read stored type '{typeName}' v{schemaVersion}: {reason}.")
    {
        TypeName = typeName;
        SchemaVersion = schemaVersion;
    }

    /// <summary>Creates the exception with a message.</summary>
    public UnknownRecordTypeException(string message)
        : base(message) => TypeName = string.Empty;

    /// <summary>Creates the exception with a message and cause.</summary>
    public UnknownRecordTypeException(string message, Exception innerException)
        : base(message, innerException) => TypeName = string.Empty;

    /// <summary>Creates the exception.</summary>
    public UnknownRecordTypeException()
        : this("Cannot read a stored type.")
    {
    }

    /// <summary>The stored type name.</summary>
    public string TypeName { get; }

    /// <summary>The stored schema version.</summary>
    public int SchemaVersion { get; }
}
