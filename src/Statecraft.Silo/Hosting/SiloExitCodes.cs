namespace Statecraft.Silo.Hosting;

/// <summary>The silo's process exit codes (documented in <c>docs/operations.md</c>); scripts and orchestrators act on them.</summary>
internal static class SiloExitCodes
{
    /// <summary>Stopped normally.</summary>
    public const int Ok = 0;

    /// <summary>Failed at run time or during start for a reason other than those below; the log says why.</summary>
    public const int Failed = 1;

    /// <summary>A setting is invalid (the message names the key, the value and the fix); nothing was started.</summary>
    public const int InvalidConfiguration = 2;

    /// <summary>A port the silo needs is taken by another process; nothing was started.</summary>
    public const int PortInUse = 3;

    /// <summary>A storage path cannot be opened or created (SQLite file or folder); nothing was started.</summary>
    public const int StorageUnavailable = 4;
}
