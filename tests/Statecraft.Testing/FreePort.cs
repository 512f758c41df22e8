using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Statecraft.Testing;

/// <summary>Free loopback TCP ports for servers a test starts.</summary>
public static class FreePort
{
    // The OS may hand the same ephemeral port out again as soon as the probe closes it, so two calls in a row could
    // give one port to a silo's silo and gateway endpoints (seen once in CI). A port is handed out once per process.
    private static readonly ConcurrentDictionary<int, byte> Given = new();

    /// <summary>A port nothing listens on right now (the OS picks it), never one this process was given before.</summary>
    public static int Next()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (Given.TryAdd(port, 0) || attempt >= 100)
            {
                return port;
            }
        }
    }
}
