using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Statecraft.Client;
using Statecraft.Testing;

namespace Statecraft.Cluster.Tests.Partition;

/// <summary>
/// Three silos and Redis, each on its own host of a <see cref="NetworkLab"/>, clustered and storing through that Redis;
/// a client that plays through every gateway (it finds them in the membership table), and a client pinned to the first
/// silo's gateway — the frontends of the silo a partition will cut off.
/// </summary>
internal sealed class PartitionRig : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];
    private readonly List<IHost> _clients = [];
    private string[] _siloArguments = [];

    private PartitionRig(NetworkLab lab, LabHost storeHost, IReadOnlyList<LabHost> siloHosts, RedisServer redis)
    {
        Lab = lab;
        StoreHost = storeHost;
        SiloHosts = siloHosts;
        Redis = redis;
    }

    public NetworkLab Lab { get; }

    public LabHost StoreHost { get; }

    public IReadOnlyList<LabHost> SiloHosts { get; }

    public RedisServer Redis { get; }

    public string ClusterId { get; } = $"partition-{Guid.NewGuid():N}"[..20];

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>Plays through every gateway.</summary>
    public StatecraftClient Client => _clients[0].Services.GetRequiredService<StatecraftClient>();

    /// <summary>Plays through the first silo's gateway only.</summary>
    public StatecraftClient PinnedClient => _clients[1].Services.GetRequiredService<StatecraftClient>();

    public IManagementGrain Management => _clients[0].Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);

    public static async Task<PartitionRig> StartAsync(string onStoreOutage, CancellationToken cancellationToken)
    {
        var lab = await NetworkLab.CreateAsync(cancellationToken);
        PartitionRig? rig = null;
        try
        {
            var storeHost = await lab.AddHostAsync("store", cancellationToken);
            var siloHosts = new List<LabHost>();
            for (var i = 1; i <= 3; i++)
            {
                siloHosts.Add(await lab.AddHostAsync($"silo{i}", cancellationToken));
            }

            rig = new PartitionRig(lab, storeHost, siloHosts, await RedisServer.StartOnAsync(storeHost, cancellationToken));
            rig._siloArguments =
            [
                "--Statecraft:Clustering=Redis",
                "--Statecraft:Storage=Redis",
                $"--Statecraft:Redis:ConnectionString={rig.Redis.ConnectionString}",
                $"--Statecraft:Cluster:ClusterId={rig.ClusterId}",
                $"--Statecraft:Resilience:OnStoreOutage={onStoreOutage}",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:Statecraft=Information",
                "--Logging:LogLevel:Orleans.Runtime.MembershipService=Information",
                "--Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None",
            ];
            foreach (var host in siloHosts)
            {
                rig._silos.Add(SiloProcess.StartOn(host, typeof(Program).Assembly.Location, rig._siloArguments));
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Task.WhenAll(rig._silos.Select(s => s.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120), cancellationToken)));
            await rig.StartClientAsync(new()
            {
                ["Statecraft:Client:Clustering"] = "Redis",
                ["Statecraft:Client:RedisConnectionString"] = rig.Redis.ConnectionString,
            }, cancellationToken);
            await rig.StartClientAsync(new()
            {
                ["Statecraft:Client:Clustering"] = "Static",
                ["Statecraft:Client:Gateways:0"] = $"{rig._silos[0].Address}:{rig._silos[0].GatewayPort}",
            }, cancellationToken);
            return rig;
        }
        catch
        {
            if (rig is not null)
            {
                await rig.DisposeAsync();
            }
            else
            {
                await lab.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Starts a silo on the host of <paramref name="index"/> (after its first one died) and waits until it is ready.</summary>
    public async Task<SiloProcess> ReplaceAsync(int index, CancellationToken cancellationToken)
    {
        var silo = SiloProcess.StartOn(SiloHosts[index], typeof(Program).Assembly.Location, _siloArguments);
        _silos.Add(silo);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await silo.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120), cancellationToken);
        return silo;
    }

    /// <summary>The membership table's status of <paramref name="silo"/>, as the cluster reports it through the client.</summary>
    public async Task<SiloStatus?> StatusOfAsync(SiloProcess silo)
    {
        var entries = await Management.GetDetailedHosts(onlyActive: false);
        return entries.Where(e => e.SiloAddress.Endpoint.Address.ToString() == silo.Address && e.SiloAddress.Endpoint.Port == silo.SiloPort)
            .Select(e => (SiloStatus?)e.Status).FirstOrDefault();
    }

    /// <summary>Polls <paramref name="condition"/> (calls that fail count as false) until it holds; false after <paramref name="timeout"/>.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A call through a gateway the partition cut, or a silo that just died: ask again.
            }

            await Task.Delay(250, cancellationToken);
        }

        return false;
    }

    private async Task StartClientAsync(Dictionary<string, string?> clustering, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(clustering)
        {
            ["Statecraft:Client:ClusterId"] = ClusterId,
            ["Statecraft:Client:ResponseTimeout"] = "00:00:02",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Services.AddStatecraftClient(builder.Configuration);
        var host = builder.Build();
        _clients.Add(host);
        await host.StartAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            // The pinned client's only gateway may be gone: do not wait on it for long.
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await client.StopAsync(stop.Token);
            client.Dispose();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await Redis.DisposeAsync();
        await Lab.DisposeAsync();
    }

    public override string ToString() => string.Join(", ", _silos.Select(s => $"{s.Address}:{s.SiloPort.ToString(CultureInfo.InvariantCulture)}"));
}
