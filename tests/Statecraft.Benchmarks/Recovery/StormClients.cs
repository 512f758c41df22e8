using System.Collections.Concurrent;
using System.Diagnostics;
using Statecraft.Abstractions.Grains;

namespace Statecraft.Benchmarks.Recovery;

/// <summary>What a storm's clients saw.</summary>
/// <param name="Elapsed">From the first request until the last game answered.</param>
/// <param name="AnsweredAfterMs">Per game, when its answer came, from the start of the storm.</param>
/// <param name="Refusals">Refused or failed requests by reason (the typed storage reason, or the exception's type).</param>
/// <param name="WrongVersions">Games that answered at another version than they were seeded at.</param>
/// <param name="Unanswered">Games that never answered within the attempts allowed.</param>
internal sealed record StormOutcome(TimeSpan Elapsed, IReadOnlyList<double> AnsweredAfterMs, IReadOnlyDictionary<string, int> Refusals, int WrongVersions, int Unanswered)
{
    /// <summary>Requests sent again after a refusal or failure.</summary>
    public int Retries => Refusals.Values.Sum() - Unanswered;
}

/// <summary>
/// Touches every game of a just-restarted silo at once, as reconnecting clients would: a spectator view of each, at most
/// a given number in flight. A refused game (the silo's recovery queue was full, or its load failed) is asked again
/// after a short pause, as a client retrying a retryable error does; refusals are counted by reason.
/// </summary>
internal static class StormClients
{
    private const int MaxAttempts = 50;

    public static async Task<StormOutcome> RunAsync(IGrainFactory grains, IReadOnlyList<SeedPlan> games, int inFlight, TimeSpan retryPause)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(games);
        using var slots = new SemaphoreSlim(inFlight);
        var refusals = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var answeredAfter = new ConcurrentBag<double>();
        var wrongVersions = 0;
        var unanswered = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(games.Select(async game =>
        {
            await slots.WaitAsync();
            try
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var view = await grains.GetGrain<IGameGrain>(game.GameId).GetView(null);
                        answeredAfter.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        if (view.Version != game.Version)
                        {
                            Interlocked.Increment(ref wrongVersions);
                        }

                        return;
                    }
                    catch (Exception exception) when (exception is GameStorageUnavailableException or TimeoutException or OrleansException)
                    {
                        var reason = exception is GameStorageUnavailableException storage ? storage.Reason.ToString() : exception.GetType().Name;
                        refusals.AddOrUpdate(reason, 1, (_, n) => n + 1);
                        if (attempt == MaxAttempts)
                        {
                            Interlocked.Increment(ref unanswered);
                            return;
                        }

                        await Task.Delay(retryPause);
                    }
                }
            }
            finally
            {
                slots.Release();
            }
        }));

        return new StormOutcome(Stopwatch.GetElapsedTime(started), [.. answeredAfter], refusals.ToDictionary(StringComparer.Ordinal), wrongVersions, unanswered);
    }
}
