using System.Collections.Concurrent;
using System.Diagnostics;
using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.Client;
using Statecraft.Cluster.Tests.Outage;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Rulesets.TicTacToe;

namespace Statecraft.Cluster.Tests.Chaos;

/// <summary>
/// Bots playing through the client library while silos die: every acknowledgement is recorded for the audit, every
/// tenth acknowledged command is sent again with its id to check it comes back as a replay at its original version,
/// and every successful answer is time-stamped so the time each game was unavailable after a kill can be measured.
/// With a <paramref name="second"/> client, about a third of the moves go through it — two frontends on one game, as when
/// players of the same table are connected to different web servers.
/// </summary>
internal sealed class ChaosPlayers(StatecraftClient client, int tables, StatecraftClient? second = null) : IDisposable
{
    private readonly ConcurrentDictionary<int, ConcurrentQueue<TimeSpan>> _answers = new();
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _replayProblems = new();
    private readonly ConcurrentQueue<(TimeSpan Started, TimeSpan Ended)> _calls = new();
    private readonly ConcurrentQueue<(TimeSpan At, string Outcome, bool ThroughSecond)> _moves = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _bots = [];
    private readonly long _origin = Stopwatch.GetTimestamp();
    private int _replays;
    private int _tentativeReplays;

    public AcknowledgementLog Acknowledgements { get; } = new();

    public JournalAudit Audit { get; } = new();

    public TimeSpan Now => Stopwatch.GetElapsedTime(_origin);

    public int Replays => Volatile.Read(ref _replays);

    /// <summary>Replays answered MemoryOnly: judged by an activation whose store was out, so not a statement about the stored history.</summary>
    public int TentativeReplays => Volatile.Read(ref _tentativeReplays);

    public IReadOnlyCollection<string> ReplayProblems => _replayProblems;

    public string Errors => string.Join(", ", _errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key}={e.Value}"));

    public void Start()
    {
        for (var table = 0; table < tables; table++)
        {
            var seat = table;
            _bots.Add(Task.Run(() => PlayAsync(seat, _stop.Token), CancellationToken.None));
        }
    }

    /// <summary>Stops the bots (again is harmless).</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await Task.WhenAll(_bots);
    }

    public void Dispose() => _stop.Dispose();

    /// <summary>
    /// What the moves sent from <paramref name="from"/> until <paramref name="to"/> (through the second client, or the
    /// first) got: acknowledgements by durability, refusals by code, failures by exception.
    /// </summary>
    public string MovesBetween(TimeSpan from, TimeSpan to, bool throughSecond = false)
    {
        var outcomes = _moves.Where(m => m.At >= from && m.At < to && m.ThroughSecond == throughSecond).GroupBy(m => m.Outcome).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}={g.Count()}").ToList();
        return outcomes.Count == 0 ? "no moves" : string.Join(", ", outcomes);
    }

    /// <summary>Calls in flight at <paramref name="at"/> (started before, answered or failed after).</summary>
    public int InFlightAt(TimeSpan at) => _calls.Count(c => c.Started <= at && c.Ended > at);

    /// <summary>
    /// For each table that was playing at <paramref name="at"/> (answered in the second before), how long until it got
    /// its next answer — the same game or, if that one ended, the next game at the table; the longest of those.
    /// </summary>
    public TimeSpan LongestSilenceAfter(TimeSpan at, TimeSpan horizon)
    {
        var longest = TimeSpan.Zero;
        foreach (var answers in _answers.Values)
        {
            var times = answers.ToArray();
            if (!times.Any(t => t <= at && t > at - TimeSpan.FromSeconds(1)))
            {
                continue;
            }

            var next = times.Where(t => t > at).DefaultIfEmpty(at + horizon).Min();
            longest = TimeSpan.FromTicks(Math.Max(longest.Ticks, (next - at).Ticks));
        }

        return longest;
    }

    private async Task PlayAsync(int table, CancellationToken stop)
    {
        var random = new Random(table);
        GameHandle? game = null;
        while (!stop.IsCancellationRequested)
        {
            var started = Now;
            var throughSecond = false;
            try
            {
                game ??= await NewGameAsync(table, stop);
                var view = (await game.Grain.GetView(null)).View!;
                Answered(table, started);
                if (view.Phase.IsTerminal)
                {
                    game = null;
                    continue;
                }

                if (view.Turn is not { } player || await game.Grain.GetLegalMoves(player) is not { Count: > 0 } moves)
                {
                    await Task.Delay(20, stop);
                    continue;
                }

                var move = moves[random.Next(moves.Count)];
                var commandId = Guid.NewGuid();
                throughSecond = second is not null && random.Next(3) == 0;
                var handle = throughSecond ? second!.Game(game.GameId) : game;
                started = Now;
                var result = await handle.MoveAsync(player, move, commandId, stop);
                Answered(table, started);
                _moves.Enqueue((started, result.Accepted ? result.Durability.ToString() : $"refused:{result.Rejection?.Code}{(result.Durability == Durability.MemoryOnly ? " (unconfirmed)" : "")}", throughSecond));
                Acknowledgements.Record(game.GameId, commandId, result);
                Audit.Record(game.GameId, commandId, result);
                if (result is { Accepted: true, Durability: Durability.Durable } && random.Next(10) == 0)
                {
                    // Through the other client, when there are two: the replay must not depend on the path.
                    await CheckReplayAsync(second is not null && !throughSecond ? second.Game(game.GameId) : game, player, move, commandId, result.Version, stop);
                }

                await Task.Delay(30, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The library already retried; a frontend would show an error and carry on.
                _calls.Enqueue((started, Now));
                _moves.Enqueue((started, $"failed:{exception.GetType().Name}", throughSecond));
                _errors.AddOrUpdate(exception.GetType().Name, 1, (_, count) => count + 1);
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    /// <summary>The same command id and payload again: the game must answer with the original outcome and apply nothing.</summary>
    private async Task CheckReplayAsync(GameHandle game, string player, Move move, Guid commandId, long version, CancellationToken stop)
    {
        var again = await game.MoveAsync(player, move, commandId, stop);
        Interlocked.Increment(ref _replays);
        if (again.Durability == Durability.MemoryOnly)
        {
            // The other side of a split brain in Degrade mode, cut off from the store: it says so, and may not stand.
            Interlocked.Increment(ref _tentativeReplays);
            return;
        }

        if (!again.Accepted || !again.IsReplay || again.Version != version)
        {
            _replayProblems.Enqueue($"{game.GameId}: command {commandId} acknowledged at v{version}, sent again: {again}");
        }
    }

    private void Answered(int table, TimeSpan started)
    {
        _calls.Enqueue((started, Now));
        _answers.GetOrAdd(table, _ => new ConcurrentQueue<TimeSpan>()).Enqueue(Now);
    }

    private async Task<GameHandle> NewGameAsync(int table, CancellationToken cancellationToken)
    {
        var ruleset = table % 2 == 0 ? TicTacToeRules.RulesetId : OhHellRules.RulesetId;
        string[] players = ruleset == TicTacToeRules.RulesetId ? ["x", "o"] : ["a", "b", "c", "d"];
        var game = client.Game($"chaos-{table}-{Guid.NewGuid():N}");
        var options = ruleset == OhHellRules.RulesetId
            ? GameOptions.With((OhHellConfig.HandSizesKey, "10,9,8,7,6,5,4,3,2,1"), (OhHellConfig.MaxPlayersKey, "4"))
            : null;
        // Set-up commands carry fixed ids across attempts (the library retries in transit; this loop retries after it gives up).
        var create = Guid.NewGuid();
        await UntilAcceptedAsync(() => game.CreateAsync(players[0], ruleset, options, create, cancellationToken), cancellationToken);
        foreach (var player in players)
        {
            var join = Guid.NewGuid();
            await UntilAcceptedAsync(() => game.JoinAsync(player, join, cancellationToken), cancellationToken);
        }

        var start = Guid.NewGuid();
        await UntilAcceptedAsync(() => game.StartAsync(players[0], start, cancellationToken), cancellationToken);
        Audit.Track(game.GameId);
        return game;
    }

    private static async Task UntilAcceptedAsync(Func<Task<CommandResult>> command, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var result = await command();
                Assert.True(result.Accepted, $"setting up a game failed: {result}");
                return;
            }
            catch (Exception) when (attempt < 20 && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }
}
