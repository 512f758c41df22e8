using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Statecraft.Testing;

/// <summary>A real <c>redis-server</c> on a free loopback port, without persistence, for one test class or run.</summary>
public sealed class RedisServer : ServerProcess
{
    private RedisServer(ProcessStartInfo start, int port)
        : base(start) => Port = port;

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for it.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts the server and waits until it answers PING.</summary>
    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("redis-server");
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        RedisServer server;
        try
        {
            server = new RedisServer(start, port);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("redis-server is not installed; ./test.sh installs it (apt-get install redis-server).", exception);
        }

        await server.WaitForPingAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    private async Task WaitForPingAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            ThrowIfExited("redis-server");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, cancellationToken).ConfigureAwait(false);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"redis-server did not answer on port {Port}:\n{Output}");
    }
}
