using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Statecraft.Testing;

/// <summary>A real <c>redis-server</c> on a free loopback port, without persistence, for one test class or run.</summary>
public sealed class RedisServer : ServerProcess
{
    private readonly string? _password;

    private RedisServer(ProcessStartInfo start, string address, int port, string? password)
        : base(start)
    {
        Address = address;
        Port = port;
        _password = password;
    }

    /// <summary>The address it listens on: loopback, or its host's in a <see cref="NetworkLab"/>.</summary>
    public string Address { get; }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for it (without the password, when one is required).</summary>
    public string ConnectionString => $"{Address}:{Port}";

    /// <summary>Starts the server and waits until it answers PING.</summary>
    public static Task<RedisServer> StartAsync(CancellationToken cancellationToken = default) => StartAsync(null, cancellationToken);

    /// <summary>Starts a server that requires <paramref name="password"/> (null: none) and waits until it answers PING.</summary>
    public static Task<RedisServer> StartAsync(string? password, CancellationToken cancellationToken = default) =>
        StartAsync(password, port: null, durableDirectory: null, cancellationToken);

    /// <summary>
    /// Starts redis-server on <paramref name="port"/> (a free one when null). With <paramref name="durableDirectory"/>
    /// it keeps an append-only file there, fsynced on every write, so a <c>kill -9</c> loses nothing it acknowledged
    /// and a server started again on the same directory (and port) has every key back.
    /// </summary>
    public static Task<RedisServer> StartAsync(string? password, int? port, string? durableDirectory, CancellationToken cancellationToken = default) =>
        StartAsync(password, port, durableDirectory, host: null, cancellationToken);

    /// <summary>Starts a server without persistence inside <paramref name="host"/>, listening on the host's address.</summary>
    public static Task<RedisServer> StartOnAsync(LabHost host, CancellationToken cancellationToken = default) =>
        StartAsync(null, null, null, host ?? throw new ArgumentNullException(nameof(host)), cancellationToken);

    private static async Task<RedisServer> StartAsync(string? password, int? port, string? durableDirectory, LabHost? host, CancellationToken cancellationToken)
    {
        var address = host?.Address.ToString() ?? "127.0.0.1";
        var chosenPort = port ?? FreePort.Next();
        var start = new ProcessStartInfo("redis-server");
        string[] persistence = durableDirectory is null
            ? ["--save", "", "--appendonly", "no"]
            : ["--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", durableDirectory];
        foreach (var argument in new[] { "--port", chosenPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", address }.Concat(persistence))
        {
            start.ArgumentList.Add(argument);
        }

        if (host is not null)
        {
            // Protected mode refuses clients from other addresses when no password is set: here they are the lab's hosts.
            start.ArgumentList.Add("--protected-mode");
            start.ArgumentList.Add("no");
        }

        if (password is not null)
        {
            start.ArgumentList.Add("--requirepass");
            start.ArgumentList.Add(password);
        }

        RedisServer server;
        try
        {
            server = new RedisServer(host?.Wrap(start) ?? start, address, chosenPort, password);
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
                await client.ConnectAsync(Address, Port, cancellationToken).ConfigureAwait(false);
                var stream = client.GetStream();
                var request = _password is null ? "PING\r\n" : $"AUTH {_password}\r\nPING\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken).ConfigureAwait(false);
                var answer = new StringBuilder();
                var buffer = new byte[64];
                while (!answer.ToString().Contains("\r\n", StringComparison.Ordinal) || (_password is not null && answer.ToString().Split("\r\n").Length < 3))
                {
                    var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                if (answer.ToString().Contains("+PONG", StringComparison.Ordinal))
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
