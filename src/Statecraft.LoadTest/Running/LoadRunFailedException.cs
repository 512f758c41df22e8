namespace Statecraft.LoadTest.Running;

/// <summary>A run could not take place at all (no game could be set up, a flag could not be changed).</summary>
internal sealed class LoadRunFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LoadRunFailedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LoadRunFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public LoadRunFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
