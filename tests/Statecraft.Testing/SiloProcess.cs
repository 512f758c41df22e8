using System.Diagnostics;
using System.Net;

namespace Statecraft.Testing;

/// <summary>
/// The real silo executable as its own process, on free ports and a temporary data directory, with any extra
/// configuration given as command-line arguments. Disposal kills exactly this process and deletes the directory.
/// </summary>
public sealed class SiloProcess : ServerProcess
{
    private readonly string _directory;
    private readonly bool _ownsDirectory;

    private SiloProcess(ProcessStartInfo start, string directory, bool ownsDirectory, string address, int httpPort, int siloPort, int gatewayPort)
        : base(start)
    {
        Address = address;
        _directory = directory;
        _ownsDirectory = ownsDirectory;
        HttpPort = httpPort;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    /// <summary>The address it listens on (loopback, or its host's in a <see cref="NetworkLab"/>).</summary>
    public string Address { get; }

    /// <summary>The HTTP port (dashboard, metrics, health).</summary>
    public int HttpPort { get; }

    /// <summary>The silo-to-silo port.</summary>
    public int SiloPort { get; }

    /// <summary>The client gateway port.</summary>
    public int GatewayPort { get; }

    /// <summary>The HTTP base address.</summary>
    public Uri BaseAddress => new($"http://{Address}:{HttpPort}");

    /// <summary>The data directory (SQLite files), the working directory of the process.</summary>
    public string DataDirectory => _directory;

    /// <summary>Starts the silo whose entry assembly is <paramref name="siloDll"/> on a fresh data directory.</summary>
    public static SiloProcess Start(string siloDll, params string[] arguments) => StartIn(siloDll, null, arguments);

    /// <summary>
    /// Starts the silo in <paramref name="dataDirectory"/> (a restart over the data an earlier process left; kept on
    /// disposal), or in a fresh directory deleted on disposal when it is null.
    /// </summary>
    public static SiloProcess StartIn(string siloDll, string? dataDirectory, params string[] arguments) => Create(siloDll, dataDirectory, null, arguments);

    /// <summary>Starts the silo on a fresh data directory with extra environment variables (for example AWS credentials).</summary>
    public static SiloProcess StartWithEnvironment(string siloDll, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Create(siloDll, null, null, arguments, environment);

    /// <summary>
    /// Starts the silo on a fresh data directory inside <paramref name="host"/>: it listens on, and advertises, the
    /// host's address (Redis clustering).
    /// </summary>
    public static SiloProcess StartOn(LabHost host, string siloDll, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(host);
        return Create(siloDll, null, host, [$"--Statecraft:Cluster:AdvertisedAddress={host.Address}", .. arguments]);
    }

    private static SiloProcess Create(string siloDll, string? dataDirectory, LabHost? host, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var address = host?.Address.ToString() ?? "127.0.0.1";
        var directory = dataDirectory ?? Path.Combine(Path.GetTempPath(), $"statecraft-silo-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        int http = FreePort.Next(), silo = FreePort.Next(), gateway = FreePort.Next();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory };
        foreach (var argument in new[]
        {
            siloDll,
            $"--urls=http://{address}:{http}",
            $"--Statecraft:Cluster:SiloPort={silo}",
            $"--Statecraft:Cluster:GatewayPort={gateway}",
            $"--Statecraft:Sqlite:DataSource={Path.Combine(directory, "statecraft.db")}",
            $"--Statecraft:Orleans:Sqlite:DataSource={Path.Combine(directory, "orleans.db")}",
        }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        // appsettings.json sits next to the silo's dll: make that the content root.
        start.Environment["ASPNETCORE_CONTENTROOT"] = Path.GetDirectoryName(siloDll);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new SiloProcess(host?.Wrap(start) ?? start, directory, dataDirectory is null, address, http, silo, gateway);
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200.</summary>
    public async Task WaitUntilReadyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            ThrowIfExited("The silo");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/health/ready"), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}";
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"The silo on port {HttpPort} was not ready within {timeout}; last readiness answer: {last}\n{Output}");
    }

    /// <inheritdoc />
    protected override ValueTask OnDisposedAsync()
    {
        // SQLite files may still be mapped by pooled connections of this test process; retry briefly.
        for (var attempt = 0; _ownsDirectory && attempt < 5 && Directory.Exists(_directory); attempt++)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
        }

        return ValueTask.CompletedTask;
    }
}
