namespace Statecraft.Abstractions.Flags;

/// <summary>A flag change was refused (bad name, percentage out of range, missing author or reason); nothing changed.</summary>
[GenerateSerializer, Alias("statecraft.InvalidFlagChangeException")]
public sealed class InvalidFlagChangeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidFlagChangeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidFlagChangeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public InvalidFlagChangeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
