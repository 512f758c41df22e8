namespace Statecraft.Abstractions.Flags;

/// <summary>A flag change could not be stored; nothing changed (neither in storage nor in the cluster's flags). Retrying is safe.</summary>
[GenerateSerializer, Alias("statecraft.FlagStorageUnavailableException")]
public sealed class FlagStorageUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FlagStorageUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public FlagStorageUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public FlagStorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
