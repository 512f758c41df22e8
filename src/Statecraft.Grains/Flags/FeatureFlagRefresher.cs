using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Statecraft.Abstractions.Flags;

namespace Statecraft.Grains.Flags;

/// <summary>Polls the flag grain every <see cref="FeatureFlagOptions.RefreshInterval"/> so each silo sees changes within 2 seconds.</summary>
internal sealed partial class FeatureFlagRefresher(
    FeatureFlagCache cache, IGrainFactory grains, IOptions<FeatureFlagOptions> options, ILogger<FeatureFlagRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        var failing = false;
        do
        {
            try
            {
                var snapshot = await grains.GetGrain<IFeatureFlagGrain>(IFeatureFlagGrain.Key).GetSnapshot().WaitAsync(stoppingToken).ConfigureAwait(false);
                if (cache.Update(snapshot))
                {
                    LogFlagsChanged(snapshot.Revision, new FlagSummary(snapshot));
                }

                failing = false;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Keep serving the last known flags; log once per outage, not once per second.
                if (!failing)
                {
                    LogRefreshFailed(exception);
                }

                failing = true;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Feature flags now at revision {Revision}: {Flags}")]
    private partial void LogFlagsChanged(long revision, FlagSummary flags);

    /// <summary>Formats the flags only if the message is actually written.</summary>
    private readonly struct FlagSummary(FlagSnapshot snapshot)
    {
        public override string ToString() => string.Join(", ", snapshot.Flags.Values.Select(f => $"{f.Name}={f.Describe()}"));
    }

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Refreshing feature flags failed; serving the last known values")]
    private partial void LogRefreshFailed(Exception exception);
}
