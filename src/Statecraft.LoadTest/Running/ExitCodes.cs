namespace Statecraft.LoadTest.Running;

/// <summary>The process's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>The run completed (errors during it are in the report, not the exit code).</summary>
    public const int Completed = 0;

    /// <summary>No connection to the cluster, no game could be set up, or the persistence flag could not be changed or restored.</summary>
    public const int Failed = 1;

    /// <summary>The command line was invalid.</summary>
    public const int InvalidArguments = 2;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT); the partial report is still printed.</summary>
    public const int Cancelled = 130;
}
