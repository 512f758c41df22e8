using System.Globalization;
using System.Net;
using Statecraft.Testing;

namespace Statecraft.Deploy.Tests;

/// <summary>
/// One container of the silo image on the host network (the engine runs with --bridge=none), on its own free loopback
/// ports, configured only through environment variables as in production. Disposal removes it and its volume.
/// </summary>
internal sealed class SiloContainer : IAsyncDisposable
{
    private readonly bool _ownsVolume;

    private SiloContainer(string name, string volume, bool ownsVolume, int httpPort, int siloPort, int gatewayPort, int? managementPort)
    {
        ManagementPort = managementPort;
        _ownsVolume = ownsVolume;
        Name = name;
        Volume = volume;
        HttpPort = httpPort;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public string Name { get; }

    public string Volume { get; }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    /// <summary>The port of /metrics and health when they are split from the dashboard (as in k8s/), or null.</summary>
    public int? ManagementPort { get; }

    /// <summary>Where /metrics and the health endpoints answer.</summary>
    public Uri ManagementAddress => ManagementPort is { } port ? new($"http://127.0.0.1:{port}") : BaseAddress;

    /// <summary>
    /// Starts a container on <paramref name="volume"/> (kept on disposal), or on a fresh named volume removed with the
    /// container when it is null, with extra environment.
    /// </summary>
    public static async Task<SiloContainer> StartAsync(string? volume = null, IReadOnlyDictionary<string, string>? environment = null, bool managementPort = false)
    {
        var name = $"statecraft-test-{Guid.NewGuid():N}"[..28];
        int http = FreePort.Next(), silo = FreePort.Next(), gateway = FreePort.Next();
        int? management = managementPort ? FreePort.Next() : null;
        var container = new SiloContainer(name, volume ?? $"{name}-data", ownsVolume: volume is null, http, silo, gateway, management);
        await Docker.RunAsync(
        [
            "run", "-d", "--name", name, "--network", "host", "-v", $"{container.Volume}:/data",
            "-e", $"Urls=http://127.0.0.1:{http}",
            "-e", $"Statecraft__Cluster__SiloPort={silo}",
            "-e", $"Statecraft__Cluster__GatewayPort={gateway}",
            // Host networking: bind loopback only, as every test here does.
            "-e", "Statecraft__Cluster__ListenOnAnyHostAddress=false",
            .. management is { } port ? new[] { "-e", $"Statecraft__Management__Port={port}" } : [],
            .. (environment ?? new Dictionary<string, string>()).SelectMany(pair => new[] { "-e", $"{pair.Key}={pair.Value}" }),
            SiloImage.Name,
        ]);
        return container;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200, failing with the container's log if it exits first.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await Docker.RunAsync("inspect", "-f", "{{.State.Running}}", Name) != "true")
            {
                throw new InvalidOperationException($"The container exited:\n{await LogsAsync()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(ManagementAddress, "/health/ready"), TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                // Slow while starting.
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"The container was not ready within {timeout}:\n{await LogsAsync()}");
    }

    public Task<string> LogsAsync() => Docker.RunAsync("logs", Name);

    /// <summary><c>docker stop</c> with a grace period longer than the silo's 30 s shutdown timeout.</summary>
    public Task StopAsync() => Docker.RunAsync("stop", "-t", "45", Name);

    public Task<string> InspectAsync(string format) => Docker.RunAsync("inspect", "-f", format, Name);

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Docker.RemoveAsync(Name);
        if (_ownsVolume)
        {
            await Docker.RemoveVolumeAsync(Volume);
        }
    }
}
