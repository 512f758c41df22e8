namespace Statecraft.Cli.Infrastructure;

/// <summary>The exit codes of every command (docs/operations.md lists them).</summary>
internal static class ExitCodes
{
    /// <summary>Done; for <c>status</c>: the cluster is healthy.</summary>
    public const int Success = 0;

    /// <summary>The command ran and its check or operation failed (a refused change, a failed verification, a rejected backup).</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: unknown command or option, missing or invalid value.</summary>
    public const int Usage = 2;

    /// <summary>The cluster or the store could not be reached; for <c>status</c>: the cluster is down.</summary>
    public const int Unreachable = 3;

    /// <summary><c>status</c> only: the cluster answers, but something needs attention (a silo not active, a circuit open, persistence off).</summary>
    public const int Degraded = 4;

    /// <summary>Interrupted (Ctrl-C).</summary>
    public const int Interrupted = 130;
}
