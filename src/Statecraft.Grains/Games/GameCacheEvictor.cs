using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Statecraft.Abstractions.Operations;
using Statecraft.Persistence.Policies;

namespace Statecraft.Grains.Games;

/// <summary>
/// Keeps the number of active games on this silo near <see cref="PersistenceOptions.GameCacheSize"/> by deactivating
/// the least recently used ones (each writes its final snapshot on the way out).
/// </summary>
internal sealed partial class GameCacheEvictor(
    ActiveGames games, IGrainFactory grains, IOptions<PersistenceOptions> options, ILogger<GameCacheEvictor> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await EvictAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A failed pass must never stop the silo (a BackgroundService exception stops the host); try again later.
                LogPassFailed(exception);
            }
        }
    }

    private async Task EvictAsync()
    {
        var excess = games.BeyondCapacity(options.Value.GameCacheSize);
        if (excess.Count == 0)
        {
            return;
        }

        LogEvicting(excess.Count, games.Count, options.Value.GameCacheSize);
        foreach (var gameId in excess)
        {
            try
            {
                await grains.GetGrain<IGameGrainControl>(gameId).Evict().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogEvictionFailed(exception, gameId);
            }
        }
    }

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "A cache eviction pass failed; the next one runs in a few seconds")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "Evicting {Count} idle games: {Active} active, cache size {Capacity}")]
    private partial void LogEvicting(int count, int active, int capacity);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Evicting game {GameId} failed")]
    private partial void LogEvictionFailed(Exception exception, string gameId);
}
