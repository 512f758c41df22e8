using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Statecraft.Client;
using Statecraft.Testing;

namespace Statecraft.Cluster.Tests;

/// <summary>Silo processes clustered through a real Redis, plus a client host, for failover tests.</summary>
internal sealed class ClusterRig : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];
    private IHost? _clientHost;

    private readonly string? _redisPassword;

    private ClusterRig(RedisServer redis, string clusterId, string? redisPassword)
    {
        Redis = redis;
        ClusterId = clusterId;
        _redisPassword = redisPassword;
    }

    public RedisServer Redis { get; }

    public string ClusterId { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public StatecraftClient Client => _clientHost!.Services.GetRequiredService<StatecraftClient>();

    /// <summary>The client host's services (Orleans' own client internals included).</summary>
    public IServiceProvider ClientServices => _clientHost!.Services;

    /// <summary>The Orleans client under <see cref="Client"/>, for grains other than games (flags).</summary>
    public IClusterClient ClusterClient => _clientHost!.Services.GetRequiredService<IClusterClient>();

    private string[] SiloArguments { get; set; } = [];

    /// <summary>Starts one more silo with the same settings; the caller disposes it.</summary>
    public Task<SiloProcess> AddSiloAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SiloProcess.Start(typeof(Program).Assembly.Location, SiloArguments));
    }

    /// <summary>
    /// Starts Redis (requiring <paramref name="redisPassword"/> when one is given, which silos and client then get
    /// through their settings, not the connection string), the silos and a client.
    /// </summary>
    public static async Task<ClusterRig> StartAsync(int silos, IEnumerable<string> storageArguments, CancellationToken cancellationToken, string? redisPassword = null)
    {
        var rig = new ClusterRig(await RedisServer.StartAsync(redisPassword, cancellationToken), $"failover-{Guid.NewGuid():N}"[..20], redisPassword);
        string[] arguments =
        [
            "--Statecraft:Clustering=Redis",
            $"--Statecraft:Redis:ConnectionString={rig.Redis.ConnectionString}",
            .. redisPassword is null ? Array.Empty<string>() : [$"--Statecraft:Redis:Password={redisPassword}"],
            $"--Statecraft:Cluster:ClusterId={rig.ClusterId}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Statecraft=Information",
            "--Logging:LogLevel:Orleans.Runtime.MembershipService=Information",
            // An unready silo's probes would fill the captured output the test reports when something fails.
            "--Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None",
            .. storageArguments,
        ];
        rig.SiloArguments = arguments;
        try
        {
            var silo = typeof(Program).Assembly.Location;
            for (var i = 0; i < silos; i++)
            {
                rig._silos.Add(SiloProcess.Start(silo, arguments));
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Task.WhenAll(rig._silos.Select(s => s.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120), cancellationToken)));

            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(rig.ClientSettings());
            builder.Services.AddStatecraftClient(builder.Configuration);
            rig._clientHost = builder.Build();
            await rig._clientHost.StartAsync(cancellationToken);
            return rig;
        }
        catch
        {
            // Whatever started before the failure (Redis, some silos) is ours to stop.
            await rig.DisposeAsync();
            throw;
        }
    }

    public Dictionary<string, string?> ClientSettings() => new()
    {
        ["Statecraft:Client:Clustering"] = "Redis",
        ["Statecraft:Client:RedisConnectionString"] = Redis.ConnectionString,
        ["Statecraft:Client:RedisPassword"] = _redisPassword,
        ["Statecraft:Client:ClusterId"] = ClusterId,
        ["Statecraft:Client:ResponseTimeout"] = "00:00:02",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>Starts the real load generator against this cluster (extra load while a silo dies).</summary>
    public ServerProcess StartLoadGenerator(TimeSpan duration)
    {
        var start = new ProcessStartInfo("dotnet");
        foreach (var argument in new[]
        {
            LoadGeneratorDll(),
            "--games", "20", "--rate", "100", "--warmup", "0s", "--duration", $"{(int)duration.TotalSeconds}s",
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in ClientSettings())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new ServerProcess(start);
    }

    /// <summary>
    /// The load generator's own build output: its copy in this test's folder lacks its dependency manifest and cannot
    /// start (it failed with a missing Microsoft.Extensions assembly, unnoticed, until this was found).
    /// </summary>
    private static string LoadGeneratorDll()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Silo.sln")))
        {
            root = root.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = root is null ? null : Path.Combine(root.FullName, "src", "Statecraft.LoadTest", "bin", configuration, "net10.0", "Statecraft.LoadTest.dll");
        return dll is not null && File.Exists(dll)
            ? dll
            : throw new InvalidOperationException($"The load generator is not built ({dll ?? "no Silo.sln above " + AppContext.BaseDirectory}); build the solution first (./test.sh does).");
    }

    public async ValueTask DisposeAsync()
    {
        if (_clientHost is not null)
        {
            await _clientHost.StopAsync();
            _clientHost.Dispose();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }
}
