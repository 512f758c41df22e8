using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Statecraft.Grains.Games;

namespace Statecraft.Silo.Hosting;

/// <summary>
/// Tells the person at the console where to look once the silo is up (dashboard, metrics, health, gateway), and what
/// stopping did (final snapshots written), so the main job's console answers "is it up, and where?" at a glance.
/// </summary>
internal sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime, IServer server, SiloSettings settings, ActiveGames games, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(OnStarted);
        lifetime.ApplicationStopped.Register(() => LogStopped(games.FinalSnapshotsWritten));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void OnStarted()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        var root = address.TrimEnd('/').Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        LogReady(settings.Storage, settings.Clustering, root, settings.GatewayPort);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = """
        Statecraft silo is up ({Storage} storage, {Clustering} clustering).
              Dashboard: {Root}/dashboard/
              Metrics:   {Root}/metrics
              Health:    {Root}/health/ready
              Gateway:   port {GatewayPort} (Orleans clients)
        Press Ctrl-C to stop; active games are written as final snapshots first.
        """)]
    private partial void LogReady(StorageBackend storage, ClusteringMode clustering, string root, int gatewayPort);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Statecraft silo stopped: {FinalSnapshots} final snapshots written")]
    private partial void LogStopped(long finalSnapshots);
}
