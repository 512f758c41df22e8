using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Statecraft.Grains.Tests.Process;

/// <summary>
/// The real silo executable started as its own process with its default configuration, on free ports and a temporary
/// data directory. Disposing kills exactly that process (by its PID) and deletes the directory.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly string _directory;
    private readonly List<string> _output = [];

    private SiloProcess(System.Diagnostics.Process process, string directory, int httpPort, int gatewayPort)
    {
        _process = process;
        _directory = directory;
        HttpPort = httpPort;
        GatewayPort = gatewayPort;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int HttpPort { get; }

    public int GatewayPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(60));
            }
        }
    }

    public static SiloProcess Start(params string[] extraArguments)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"statecraft-silo-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        int http = FreePort(), silo = FreePort(), gateway = FreePort();
        var silodll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            silodll,
            $"--urls=http://127.0.0.1:{http}",
            $"--Statecraft:Cluster:SiloPort={silo}",
            $"--Statecraft:Cluster:GatewayPort={gateway}",
        }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        // The silo's appsettings.json sits next to its dll; the content root must point there.
        start.Environment["ASPNETCORE_CONTENTROOT"] = Path.GetDirectoryName(silodll);
        start.Environment["Statecraft__Sqlite__DataSource"] = Path.Combine(directory, "statecraft.db");
        start.Environment["Statecraft__Orleans__Sqlite__DataSource"] = Path.Combine(directory, "orleans.db");
        var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("The silo did not start.");
        return new SiloProcess(process, directory, http, gateway);
    }

    public async Task WaitUntilReadyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"The silo exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        Assert.Fail($"The silo was not ready within {timeout}:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }
}
