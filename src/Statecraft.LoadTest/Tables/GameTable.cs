using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.LoadTest.Options;
using Statecraft.LoadTest.Stats;

namespace Statecraft.LoadTest.Tables;

/// <summary>
/// One table: a game of bots that plays a move each time the scheduler picks it, and is replaced by a fresh game when
/// the current one ends. A table runs one command at a time (the pool guarantees it), so its state needs no lock and
/// its moves never race each other for the same turn.
/// </summary>
internal sealed class GameTable(int slot, RulesetMix mix, IGameCluster cluster, GameIds ids, Random random, TimeProvider time)
{
    private GameView? _view;
    private bool _needsNewGame = true;

    /// <summary>The table's number.</summary>
    public int Slot { get; } = slot;

    /// <summary>The current game's id; null before the first set-up.</summary>
    public string? GameId { get; private set; }

    /// <summary>The current game's plan; null before the first set-up.</summary>
    public TablePlan? Plan { get; private set; }

    /// <summary>True when the table has a started game to play in.</summary>
    public bool IsReady => !_needsNewGame;

    /// <summary>
    /// Creates a new game under a new id, seats the bots and starts it. False when any step was refused or failed
    /// (counted in <paramref name="stats"/>); the next command at this table tries again with another id.
    /// </summary>
    public async Task<bool> SetUpAsync(LoadStats stats, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stats);
        _needsNewGame = true;
        _view = null;
        GameId = ids.Next();
        Plan = TablePlan.For(mix, Slot, random);
        try
        {
            var host = Plan.Players[0];
            if (!Succeeded(await cluster.CreateAsync(GameId, host, Plan.RulesetId, Plan.Options, cancellationToken), stats))
            {
                return false;
            }

            foreach (var player in Plan.Players)
            {
                if (!Succeeded(await cluster.JoinAsync(GameId, player, cancellationToken), stats))
                {
                    return false;
                }
            }

            if (!Succeeded(await cluster.StartAsync(GameId, host, cancellationToken), stats))
            {
                return false;
            }

            _view = await cluster.GetViewAsync(GameId, cancellationToken);
            _needsNewGame = false;
            stats.RecordGameStarted();
            return true;
        }
        catch (Exception exception) when (!IsCancellation(exception, cancellationToken))
        {
            stats.RecordSupportFailure(MoveOutcome.ErrorName(exception));
            return false;
        }
    }

    /// <summary>
    /// Plays one move: the legal moves of the player whose turn it is (from the last view), a random one of them, and
    /// the move itself. The answer's arrival time is taken right after the move returns; refreshing the view (and
    /// replacing a finished game) happens after that, outside the measured latency.
    /// </summary>
    public async Task<MoveOutcome> PlayAsync(LoadStats stats, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stats);
        try
        {
            if (_needsNewGame && !await SetUpAsync(stats, cancellationToken))
            {
                return MoveOutcome.Skipped(time.GetTimestamp());
            }

            _view ??= await cluster.GetViewAsync(GameId!, cancellationToken);
            if (_view is { Phase.IsTerminal: true })
            {
                stats.RecordGameFinished();
                if (!await SetUpAsync(stats, cancellationToken))
                {
                    return MoveOutcome.Skipped(time.GetTimestamp());
                }
            }

            if (_view?.Turn is not { } player)
            {
                // No game under the id, or one nobody can move in (say, a start that never happened): start over.
                _needsNewGame = true;
                return MoveOutcome.Skipped(time.GetTimestamp());
            }

            var legal = await cluster.GetLegalMovesAsync(GameId!, player, cancellationToken);
            if (legal.Count == 0)
            {
                // The view was stale; look again next time.
                _view = null;
                return MoveOutcome.Skipped(time.GetTimestamp());
            }

            var result = await cluster.MoveAsync(GameId!, player, legal[random.Next(legal.Count)], cancellationToken);
            var respondedAt = time.GetTimestamp();
            await RefreshAsync(stats, cancellationToken);
            return result.Accepted
                ? MoveOutcome.Accepted(respondedAt, result.Durability)
                : MoveOutcome.Rejected(respondedAt, result.Rejection?.Code ?? default);
        }
        catch (Exception exception) when (!IsCancellation(exception, cancellationToken))
        {
            _view = null;
            return MoveOutcome.Failed(time.GetTimestamp(), MoveOutcome.ErrorName(exception));
        }
    }

    private async Task RefreshAsync(LoadStats stats, CancellationToken cancellationToken)
    {
        try
        {
            _view = await cluster.GetViewAsync(GameId!, cancellationToken);
        }
        catch (Exception exception) when (!IsCancellation(exception, cancellationToken))
        {
            // The next command fetches the view first.
            _view = null;
            stats.RecordSupportFailure(MoveOutcome.ErrorName(exception));
            return;
        }

        if (_view is { Phase.IsTerminal: true })
        {
            stats.RecordGameFinished();
            await SetUpAsync(stats, cancellationToken);
        }
    }

    private static bool Succeeded(CommandResult result, LoadStats stats)
    {
        if (!result.Accepted)
        {
            stats.RecordSupportFailure(result.Rejection?.Code.ToString() ?? "Rejected");
        }

        return result.Accepted;
    }

    private static bool IsCancellation(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;
}
