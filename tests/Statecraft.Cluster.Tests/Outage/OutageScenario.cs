using System.Collections.Concurrent;
using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.Client;
using Statecraft.Engine.Rulesets.OhHell;

namespace Statecraft.Cluster.Tests.Outage;

/// <summary>
/// Bots playing long Oh Hell games at a steady pace on one silo while its store goes out and comes back. Each command
/// is sent once (the client's own retry is off) so every answer the silo gave is in the call log as it was given.
/// </summary>
internal sealed class OutageScenario(StatecraftClient client, int tables) : IDisposable
{
    private static readonly string[] Players = ["a", "b", "c", "d"];
    private readonly ConcurrentDictionary<int, string> _gameAt = new();
    private readonly List<Task> _bots = [];
    private readonly CancellationTokenSource _stop = new();

    public CallLog Calls { get; } = new();

    public JournalAudit Audit { get; } = new();

    public IReadOnlyCollection<string> CurrentGames => [.. _gameAt.Values];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var table = 0; table < tables; table++)
        {
            var game = await NewGameAsync(table, cancellationToken);
            var seat = table;
            _bots.Add(Task.Run(() => PlayAsync(game, seat, _stop.Token), CancellationToken.None));
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_bots);
    }

    public void Dispose() => _stop.Dispose();

    private async Task<GameHandle> NewGameAsync(int table, CancellationToken cancellationToken)
    {
        var game = client.Game($"outage-{table}-{Guid.NewGuid():N}");
        var options = GameOptions.With((OhHellConfig.HandSizesKey, "10,9,8,7,6,5,4,3,2,1"), (OhHellConfig.MaxPlayersKey, "4"));
        await SetUpAsync(id => game.CreateAsync(Players[0], OhHellRules.RulesetId, options, id, cancellationToken), cancellationToken);
        foreach (var player in Players)
        {
            await SetUpAsync(id => game.JoinAsync(player, id, cancellationToken), cancellationToken);
        }

        await SetUpAsync(id => game.StartAsync(Players[0], id, cancellationToken), cancellationToken);
        Audit.Track(game.GameId);
        _gameAt[table] = game.GameId;
        return game;
    }

    /// <summary>
    /// A set-up command is retried with the same id until it is durable (a new game may be created mid-outage): a
    /// write that failed at the silo may still have landed, and only the same id makes the retry a replay of it.
    /// </summary>
    private static async Task SetUpAsync(Func<Guid, Task<CommandResult>> command, CancellationToken cancellationToken)
    {
        var commandId = Guid.NewGuid();
        while (true)
        {
            try
            {
                var result = await command(commandId);
                if (result.Accepted && result.Durability == Durability.Durable)
                {
                    return;
                }

                Assert.True(result.Accepted || result.Rejection!.Code == RejectionCode.ConcurrencyConflict, $"setting up a game failed: {result}");
            }
            catch (Exception exception) when (exception is not Xunit.Sdk.IAssertionException && (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
            {
                // The store is out; try again shortly.
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private async Task PlayAsync(GameHandle game, int table, CancellationToken stop)
    {
        var random = new Random(table);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var view = (await game.Grain.GetView(null)).View!;
                if (view.Phase.IsTerminal)
                {
                    game = await NewGameAsync(table, stop);
                    continue;
                }

                if (view.Turn is not { } player || await game.Grain.GetLegalMoves(player) is not { Count: > 0 } moves)
                {
                    await Task.Delay(20, stop);
                    continue;
                }

                var commandId = Guid.NewGuid();
                var started = Calls.Now;
                string outcome;
                try
                {
                    var result = await game.MoveAsync(player, moves[random.Next(moves.Count)], commandId, stop);
                    Audit.Record(game.GameId, commandId, result);
                    outcome = result.Accepted ? result.Durability.ToString() : $"rejected-{result.Rejection!.Code}";
                }
                catch (GameStorageUnavailableException unavailable)
                {
                    outcome = $"unavailable-{unavailable.Reason}";
                }
                catch (Exception exception) when (!stop.IsCancellationRequested)
                {
                    outcome = exception.GetType().Name;
                }

                Calls.Add(started, Calls.Now - started, game.GameId, outcome);
                // About ten commands a second per game: a steady load, and long games that outlive the outage.
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // A read failed (the game could not be loaded while the store was out); carry on as a frontend would.
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }
}
