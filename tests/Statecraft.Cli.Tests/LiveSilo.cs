using Microsoft.Extensions.Configuration;
using Statecraft.Client;
using Statecraft.Testing;

namespace Statecraft.Cli.Tests;

/// <summary>One real silo process on its embedded SQLite default (one per test class), and a client of it.</summary>
public sealed class LiveSilo : IAsyncLifetime
{
    private StatecraftConnection? _connection;

    public SiloProcess Silo { get; private set; } = null!;

    public string Cluster => $"localhost:{Silo.GatewayPort}";

    public string Store => $"sqlite:{Path.Combine(Silo.DataDirectory, "statecraft.db")}";

    public StatecraftClient Client => _connection!.Client;

    public async ValueTask InitializeAsync()
    {
        Silo = SiloProcess.Start(typeof(global::Program).Assembly.Location, "--Logging:LogLevel:Default=Warning");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Silo.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(ClusterAddress.Parse(Cluster).Settings).Build();
        _connection = await StatecraftConnection.ConnectAsync(configuration, TimeSpan.FromSeconds(30), Microsoft.Extensions.Logging.LogLevel.None, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        await Silo.DisposeAsync();
    }
}
