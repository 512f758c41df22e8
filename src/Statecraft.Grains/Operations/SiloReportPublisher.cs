using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Statecraft.Abstractions.Operations;
using Statecraft.Grains.Flags;
using Statecraft.Grains.Games;
using Statecraft.Persistence.Resilience;

namespace Statecraft.Grains.Operations;

/// <summary>Sends this silo's <see cref="SiloReport"/> to the cluster's <see cref="ISiloReportsGrain"/> every <see cref="SiloReport.Period"/>.</summary>
internal sealed partial class SiloReportPublisher(
    IServiceProvider services, IGrainFactory grains, ActiveGames activeGames, StoreResilience resilience, FeatureFlagCache flags,
    RecoveryTally recoveries, TimeProvider time, ILogger<SiloReportPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SiloReport.Period, time);
        var failing = false;
        do
        {
            try
            {
                await grains.GetGrain<ISiloReportsGrain>(ISiloReportsGrain.Key).Report(Current()).WaitAsync(stoppingToken).ConfigureAwait(false);
                failing = false;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Also while the silo is still joining: the next tick tries again. Logged once per streak.
                if (!failing)
                {
                    LogReportFailed(exception);
                }

                failing = true;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private SiloReport Current() => new()
    {
        Silo = services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString(),
        HttpUrl = services.GetService<SiloHttpAddress>()?.Url,
        ReportedAt = time.GetUtcNow(),
        ActiveGamesByPhase = activeGames.ByPhase().ToImmutableSortedDictionary(StringComparer.Ordinal),
        Store = resilience.Circuit.StoreName,
        Circuit = resilience.Circuit.State.ToString(),
        OnStoreOutage = resilience.Options.OnStoreOutage.ToString(),
        DegradedGames = resilience.Degraded.Count,
        RecoveriesByOutcome = recoveries.ByOutcome(),
        FlagRevision = flags.Current.Revision,
    };

    [LoggerMessage(EventId = 2400, Level = LogLevel.Debug, Message = "Sending this silo's report to the cluster failed; trying again next period")]
    private partial void LogReportFailed(Exception exception);
}
