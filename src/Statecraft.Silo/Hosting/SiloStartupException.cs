namespace Statecraft.Silo.Hosting;

/// <summary>A problem found before anything started, with the exit code it maps to; printed as one clear message.</summary>
internal sealed class SiloStartupException(string message, int exitCode) : Exception(message)
{
    /// <summary>The process exit code (see <see cref="SiloExitCodes"/>).</summary>
    public int ExitCode { get; } = exitCode;
}
