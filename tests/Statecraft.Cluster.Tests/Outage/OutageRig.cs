using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Statecraft.Client;
using Statecraft.Testing;

namespace Statecraft.Cluster.Tests.Outage;

/// <summary>One real silo process on the store under test (localhost clustering, so only the game store goes out) and a client.</summary>
internal sealed class OutageRig : IAsyncDisposable
{
    private IHost? _clientHost;

    private OutageRig(SiloProcess silo)
    {
        Silo = silo;
        Metrics = new SiloMetrics(silo.BaseAddress);
    }

    public SiloProcess Silo { get; }

    public SiloMetrics Metrics { get; }

    public StatecraftClient Client => _clientHost!.Services.GetRequiredService<StatecraftClient>();

    public static async Task<OutageRig> StartAsync(string mode, IEnumerable<string> storageArguments, CancellationToken cancellationToken, string? dataDirectory = null)
    {
        var silo = SiloProcess.StartIn(typeof(Program).Assembly.Location, dataDirectory,
        [
            $"--Statecraft:Resilience:OnStoreOutage={mode}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Statecraft=Warning",
            .. storageArguments,
        ]);
        var rig = new OutageRig(silo);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await silo.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120), cancellationToken);
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Statecraft:Client:GatewayPort"] = silo.GatewayPort.ToString(CultureInfo.InvariantCulture),
                ["Statecraft:Client:ResponseTimeout"] = "00:00:05",
                // Every answer as the silo gave it: the library's retry is tested on its own.
                ["Statecraft:Client:CommandAttempts"] = "1",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.Services.AddStatecraftClient(builder.Configuration);
            rig._clientHost = builder.Build();
            await rig._clientHost.StartAsync(cancellationToken);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_clientHost is not null)
        {
            await _clientHost.StopAsync();
            _clientHost.Dispose();
        }

        Metrics.Dispose();
        await Silo.DisposeAsync();
    }
}
