using System.Collections.Concurrent;
using System.Diagnostics;
using Statecraft.Abstractions.Games;
using Statecraft.Client;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Persistence.Stores;

namespace Statecraft.Cluster.Tests;

/// <summary>
/// Games played by bots across a cluster while one silo is killed with no warning: measures how long each game takes
/// to answer again, and checks every acknowledged command against the journal in the store.
/// </summary>
internal sealed class FailoverScenario(ClusterRig rig, int games)
{
    private readonly AcknowledgementLog _log = new();
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);

    public int Acknowledged => _log.Count;

    public ConcurrentDictionary<string, int> Outcomes { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Errors => _errors;

    public async Task<(TimeSpan WorstRecovery, int AcknowledgedBeforeKill, int AcknowledgedAfterKill)> RunAsync(
        TimeSpan before, TimeSpan after, CancellationToken cancellationToken)
    {
        var handles = new List<GameHandle>();
        for (var i = 0; i < games; i++)
        {
            handles.Add(await StartGameAsync(i, cancellationToken));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var bots = handles.Select((game, i) => Task.Run(() => PlayAsync(game, i, stop.Token), CancellationToken.None)).ToList();
        await Task.Delay(before, cancellationToken);

        var beforeKill = _log.Count;
        var victim = rig.Silos[^1];
        var killedAt = Stopwatch.GetTimestamp();
        victim.Kill();
        var recoveries = await Task.WhenAll(handles.Select(game => TimeToAnswerAsync(game, killedAt, cancellationToken)));

        await Task.Delay(after, cancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(bots);
        return (recoveries.Max(), beforeKill, _log.Count - beforeKill);
    }

    /// <summary>A new game at table <paramref name="table"/>: tic-tac-toe at even tables, four-player Oh Hell at odd ones.</summary>
    private async Task<GameHandle> StartGameAsync(int table, CancellationToken cancellationToken)
    {
        var ruleset = table % 2 == 0 ? TicTacToeRules.RulesetId : OhHellRules.RulesetId;
        string[] players = ruleset == TicTacToeRules.RulesetId ? ["x", "o"] : ["a", "b", "c", "d"];
        var game = rig.Client.Game($"failover-{table}-{Guid.NewGuid():N}");
        var options = ruleset == OhHellRules.RulesetId
            ? GameOptions.With((OhHellConfig.HandSizesKey, "10,9,8,7,6,5,4,3,2,1"), (OhHellConfig.MaxPlayersKey, "4"))
            : null;
        Accepted(await game.CreateAsync(players[0], ruleset, options, cancellationToken: cancellationToken));
        foreach (var player in players)
        {
            Accepted(await game.JoinAsync(player, cancellationToken: cancellationToken));
        }

        Accepted(await game.StartAsync(players[0], cancellationToken: cancellationToken));
        return game;
    }

    private static void Accepted(Abstractions.Grains.CommandResult result) =>
        Assert.True(result.Accepted, $"setting up a game failed: {result}");

    public Task<List<string>> FindLossesAsync(IGameStore store, CancellationToken cancellationToken) => _log.FindLossesAsync(store, cancellationToken);

    /// <summary>
    /// Plays the table's game and, when it ends, a new one at the same table, until stopped: however fast the machine
    /// plays, commands keep flowing across the kill.
    /// </summary>
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
                    Outcomes.AddOrUpdate("finished", 1, (_, c) => c + 1);
                    game = await StartGameAsync(table, stop);
                    continue;
                }

                if (view.Turn is { } player && await game.Grain.GetLegalMoves(player) is { Count: > 0 } moves)
                {
                    var commandId = Guid.NewGuid();
                    // The client library retries in transit with the same command id; record what it finally says.
                    var result = await game.MoveAsync(player, moves[random.Next(moves.Count)], commandId, stop);
                    _log.Record(game.GameId, commandId, result);
                    Outcomes.AddOrUpdate(result.Accepted ? $"accepted-{result.Durability}" : $"rejected-{result.Rejection!.Code}", 1, (_, c) => c + 1);
                }
                else
                {
                    Outcomes.AddOrUpdate($"no-move-{view.Phase}", 1, (_, c) => c + 1);
                    await Task.Delay(20, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Calls in flight to the killed silo fail; the bot simply carries on, as a frontend would.
                _errors.AddOrUpdate(exception.GetType().Name, 1, (_, count) => count + 1);
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private static async Task<TimeSpan> TimeToAnswerAsync(GameHandle game, long killedAt, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await game.Grain.GetView(null).WaitAsync(TimeSpan.FromMilliseconds(500), cancellationToken);
                return Stopwatch.GetElapsedTime(killedAt);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (Stopwatch.GetElapsedTime(killedAt) > TimeSpan.FromSeconds(30))
                {
                    return Stopwatch.GetElapsedTime(killedAt);
                }

                await Task.Delay(50, cancellationToken);
            }
        }
    }
}
