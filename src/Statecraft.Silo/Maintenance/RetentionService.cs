using Microsoft.Extensions.Options;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Stores;
using Statecraft.Silo.Hosting;

namespace Statecraft.Silo.Maintenance;

/// <summary>Applies the retention policy to finished games periodically. Every silo may run it; a pass is idempotent.</summary>
internal sealed partial class RetentionService(
    IGameStoreMaintenance store, IOptions<PersistenceOptions> options, SiloSettings settings, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.RetentionInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var report = await store.ApplyRetentionAsync(time.GetUtcNow(), options.Value.ToRetentionPolicy(), stoppingToken);
                if (report.GamesDeleted + report.SnapshotsDeleted > 0)
                {
                    LogApplied(report.SnapshotsDeleted, report.GamesDeleted);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception);
            }
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Retention removed {Snapshots} snapshots and {Games} finished games")]
    private partial void LogApplied(int snapshots, int games);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Retention pass failed; it runs again at the next interval")]
    private partial void LogFailed(Exception exception);
}
