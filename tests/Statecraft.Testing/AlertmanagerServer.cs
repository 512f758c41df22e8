using System.Diagnostics;
using System.Globalization;

namespace Statecraft.Testing;

/// <summary>A real Prometheus Alertmanager (Debian's <c>prometheus-alertmanager</c>) on a free loopback port, clustering off.</summary>
public sealed class AlertmanagerServer : ServerProcess
{
    private const string RouteNowhere = "route:\n  receiver: nowhere\nreceivers:\n  - name: nowhere\n";

    private readonly string _directory;

    private AlertmanagerServer(ProcessStartInfo start, string directory, int port)
        : base(start)
    {
        _directory = directory;
        Url = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>Its base URL.</summary>
    public Uri Url { get; }

    /// <summary>
    /// Starts it with <paramref name="configuration"/> (YAML; by default a route to nowhere) and waits until it is ready.
    /// </summary>
    public static async Task<AlertmanagerServer> StartAsync(string? configuration = null, CancellationToken cancellationToken = default)
    {
        var directory = Directory.CreateTempSubdirectory("statecraft-alertmanager-").FullName;
        var config = Path.Combine(directory, "alertmanager.yml");
        await File.WriteAllTextAsync(config, configuration ?? RouteNowhere, cancellationToken).ConfigureAwait(false);
        var port = FreePort.Next();
        var start = new ProcessStartInfo("prometheus-alertmanager");
        foreach (var argument in new[]
        {
            $"--config.file={config}", $"--storage.path={directory}",
            $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--cluster.listen-address=",
        })
        {
            start.ArgumentList.Add(argument);
        }

        AlertmanagerServer server;
        try
        {
            server = new AlertmanagerServer(start, directory, port);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("prometheus-alertmanager is not installed; ./test.sh installs it (apt-get install prometheus-alertmanager).", exception);
        }

        await server.WaitUntilHttpReadyAsync(new Uri(server.Url, "/-/ready"), "prometheus-alertmanager", TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <inheritdoc />
    protected override ValueTask OnDisposedAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
