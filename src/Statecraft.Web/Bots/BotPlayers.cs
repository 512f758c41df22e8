using System.Collections.Concurrent;
using System.Security.Cryptography;
using Statecraft.Abstractions.Grains;
using Statecraft.Client;

namespace Statecraft.Web.Bots;

/// <summary>
/// Bot players a person adds to a table from the page (to fill an Oh Hell table, say). Each bot takes a seat and plays a
/// random legal move when it is its turn, through the same client calls as a person's page. They live in this frontend
/// process: if it stops, its bots stop, and a game with a turn timer plays their default moves instead.
/// </summary>
public sealed partial class BotPlayers(StatecraftClient client, ILogger<BotPlayers> logger) : IAsyncDisposable
{
    /// <summary>The most bots this process drives at once.</summary>
    public const int MaxBots = 200;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(300);

    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    /// <summary>Seats a new bot in <paramref name="gameId"/> and starts it; the join's result says whether it got a seat.</summary>
    public async Task<(CommandResult Result, string BotId)> AddAsync(string gameId, CancellationToken cancellationToken)
    {
        if (_running.Count >= MaxBots)
        {
            throw new InvalidOperationException($"This frontend already runs {MaxBots} bots.");
        }

        var botId = $"bot-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var joined = await client.Game(gameId).JoinAsync(botId, cancellationToken: cancellationToken);
        if (joined.Accepted)
        {
            _running[$"{gameId}/{botId}"] = Task.Run(() => PlayAsync(gameId, botId, _stopping.Token), CancellationToken.None);
        }

        return (joined, botId);
    }

    private async Task PlayAsync(string gameId, string botId, CancellationToken stopping)
    {
        var game = client.Game(gameId);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var view = (await game.GetViewAsync(botId, cancellationToken: stopping)).View;
                if (view is null || view.Phase.IsTerminal || !view.Players.Contains(botId))
                {
                    return;
                }

                if (!view.LegalMoves.IsDefaultOrEmpty)
                {
                    // A short pause, so a person at the table sees each bot move arrive.
                    await Task.Delay(Poll, stopping);
                    var move = view.LegalMoves[Random.Shared.Next(view.LegalMoves.Length)];
                    await game.MoveAsync(botId, move, cancellationToken: stopping);
                    continue;
                }

                await Task.Delay(Poll, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The frontend is stopping.
        }
        catch (Exception exception)
        {
            LogBotStopped(exception, botId, gameId);
        }
        finally
        {
            _running.TryRemove($"{gameId}/{botId}", out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Values);
        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Bot {BotId} in game {GameId} stopped")]
    private partial void LogBotStopped(Exception exception, string botId, string gameId);
}
