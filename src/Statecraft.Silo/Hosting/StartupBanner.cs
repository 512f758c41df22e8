using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Statecraft.Grains.Games;
using Statecraft.Silo.Security;

namespace Statecraft.Silo.Hosting;

/// <summary>
/// Tells the person at the console where to look once the silo is up (dashboard, metrics, health, gateway), and what
/// stopping did (final snapshots written), so the main job's console answers "is it up, and where?" at a glance.
/// </summary>
internal sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    SiloSettings settings,
    ManagementOptions management,
    DashboardAccessOptions dashboard,
    IConfiguration configuration,
    ActiveGames games,
    ILogger<StartupBanner> logger) : IHostedService
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
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.Select(Local).ToList() ?? [];
        var root = addresses.FirstOrDefault(address => management.Port is not { } port || !address.EndsWith($":{port}", StringComparison.Ordinal)) ?? "http://127.0.0.1:5080";
        var managementRoot = management.Port is { } managementPort
            ? addresses.FirstOrDefault(address => address.EndsWith($":{managementPort}", StringComparison.Ordinal)) ?? root
            : root;
        var access = dashboard.Authentication switch
        {
            DashboardAuthentication.None => "open",
            _ when dashboard.IsLocked => $"locked: set {DashboardAccessOptions.SectionName}:Password",
            _ => $"user {dashboard.Username}",
        };
        var play = CoHostedWeb.IsEnabled(configuration) ? $"{root}/play/ (lobby, tables, spectators)" : $"off ({CoHostedWeb.EnabledKey})";
        LogReady(settings.Storage, settings.Clustering, root, access, play, managementRoot, settings.GatewayPort);
    }

    private static string Local(string address) =>
        address.TrimEnd('/').Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = """
        Statecraft silo is up ({Storage} storage, {Clustering} clustering).
              Play:      {Play}
              Dashboard: {Root}/dashboard/ ({DashboardAccess})
              Metrics:   {ManagementRoot}/metrics
              Health:    {ManagementRoot}/health/ready
              Gateway:   port {GatewayPort} (Orleans clients)
        Press Ctrl-C to stop; active games are written as final snapshots first.
        """)]
    private partial void LogReady(StorageBackend storage, ClusteringMode clustering, string root, string dashboardAccess, string play, string managementRoot, int gatewayPort);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Statecraft silo stopped: {FinalSnapshots} final snapshots written")]
    private partial void LogStopped(long finalSnapshots);
}
