using System.Diagnostics;
using System.Globalization;

namespace Statecraft.Testing;

/// <summary>Sends POSIX signals to processes a test started, by PID.</summary>
public static class Signals
{
    /// <summary>Sends <paramref name="signal"/> (TERM, STOP, CONT, KILL) to <paramref name="process"/> unless it has exited.</summary>
    public static async Task SendAsync(Process process, string signal)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (process.HasExited)
        {
            return;
        }

        // kill(1) rather than a P/Invoke: .NET has no managed way to send a signal other than SIGKILL to another process.
        using var sender = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]))!;
        await sender.WaitForExitAsync().ConfigureAwait(false);
    }
}
