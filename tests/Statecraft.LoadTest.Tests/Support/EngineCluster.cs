using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.Engine.Core;
using Statecraft.LoadTest.Tables;

namespace Statecraft.LoadTest.Tests.Support;

/// <summary>
/// An in-memory stand-in for the cluster that plays the real rules through the engine. Command ids come from a
/// counter, so shuffles (seeded by command id) repeat from run to run when calls arrive in the same order.
/// </summary>
internal sealed class EngineCluster : IGameCluster
{
    private readonly Dictionary<string, GameState> _games = new(StringComparer.Ordinal);
    private readonly List<(string GameId, string Player, Move Move)> _moves = [];
    private readonly Lock _gate = new();
    private int _commandCounter;

    /// <summary>Durability reported for accepted commands.</summary>
    public Durability Durability { get; set; } = Durability.Durable;

    /// <summary>When set, the next call of this kind (<c>create</c>, <c>join</c>, <c>start</c>, <c>move</c>, <c>view</c>, <c>legal</c>) throws it.</summary>
    public (string Kind, Exception Error)? FailNext { get; set; }

    /// <summary>When set, <c>create</c> is refused with this code.</summary>
    public RejectionCode? RefuseCreate { get; set; }

    /// <summary>When set, moves wait for this task before being decided.</summary>
    public Task? MoveGate { get; set; }

    /// <summary>Every move made, in order.</summary>
    public IReadOnlyList<(string GameId, string Player, Move Move)> Moves
    {
        get
        {
            lock (_gate)
            {
                return [.. _moves];
            }
        }
    }

    /// <summary>The number of games created.</summary>
    public int GameCount
    {
        get
        {
            lock (_gate)
            {
                return _games.Count;
            }
        }
    }

    public Task<CommandResult> CreateAsync(string gameId, string playerId, string rulesetId, GameOptions options, CancellationToken cancellationToken)
    {
        Fail("create");
        return RefuseCreate is { } code
            ? Task.FromResult(CommandResult.Refused(new Rejection(code, "refused by the test"), 0))
            : Execute(gameId, playerId, new CreateGame(rulesetId, options));
    }

    public Task<CommandResult> JoinAsync(string gameId, string playerId, CancellationToken cancellationToken)
    {
        Fail("join");
        return Execute(gameId, playerId, new JoinGame());
    }

    public Task<CommandResult> StartAsync(string gameId, string playerId, CancellationToken cancellationToken)
    {
        Fail("start");
        return Execute(gameId, playerId, new StartGame());
    }

    public async Task<CommandResult> MoveAsync(string gameId, string playerId, Move move, CancellationToken cancellationToken)
    {
        if (MoveGate is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
        }

        Fail("move");
        var result = await Execute(gameId, playerId, new MakeMove(move));
        if (result.Accepted)
        {
            lock (_gate)
            {
                _moves.Add((gameId, playerId, move));
            }
        }

        return result;
    }

    public Task<GameView?> GetViewAsync(string gameId, CancellationToken cancellationToken)
    {
        Fail("view");
        lock (_gate)
        {
            return Task.FromResult(_games.TryGetValue(gameId, out var state) ? GameDecider.Default.ViewFor(state, null) : null);
        }
    }

    public Task<IReadOnlyList<Move>> GetLegalMovesAsync(string gameId, string playerId, CancellationToken cancellationToken)
    {
        Fail("legal");
        lock (_gate)
        {
            return Task.FromResult(_games.TryGetValue(gameId, out var state) ? GameDecider.Default.LegalMoves(state, playerId) : (IReadOnlyList<Move>)[]);
        }
    }

    /// <summary>Ends a game early, as another client might.</summary>
    public void Abandon(string gameId) => Execute(gameId, GameDecider.Default.ViewFor(_games[gameId], null).Players[0], new AbandonGame("test")).GetAwaiter().GetResult();

    private Task<CommandResult> Execute(string gameId, string playerId, GameAction action)
    {
        lock (_gate)
        {
            var state = _games.GetValueOrDefault(gameId) ?? GameDecider.Initial(gameId);
            var commandId = new Guid(++_commandCounter, 0, 0, new byte[8]);
            var (next, decision) = GameDecider.Default.Execute(state, new GameCommand(commandId, playerId, DateTimeOffset.UnixEpoch, action));
            if (!decision.IsAccepted)
            {
                return Task.FromResult(CommandResult.Refused(decision.Rejection!, state.Version));
            }

            _games[gameId] = next;
            return Task.FromResult(CommandResult.Applied(next.Version, Durability));
        }
    }

    private void Fail(string kind)
    {
        if (FailNext is { } failure && failure.Kind == kind)
        {
            FailNext = null;
            throw failure.Error;
        }
    }
}
