using System.Globalization;
using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Events;

namespace Statecraft.Engine.Rulesets.TicTacToe;

/// <summary>
/// Tic-tac-toe for two players. Seat 0 plays X and moves first. Moves: <c>place</c> with the cell index 0–8
/// (row by row) as payload. Three in a row wins; a full board without a line is a draw. No settings.
/// </summary>
public sealed class TicTacToeRules : Ruleset<TicTacToeState>
{
    /// <summary>The ruleset id.</summary>
    public const string RulesetId = "tictactoe";

    /// <summary>The move kind for placing a mark.</summary>
    public const string PlaceKind = "place";

    internal const int Cells = 9;

    // Checked in this order so the default move prefers the centre, then corners, then edges.
    private static readonly int[] PreferredCells = [4, 0, 2, 6, 8, 1, 3, 5, 7];

    private static readonly int[][] Lines =
    [
        [0, 1, 2], [3, 4, 5], [6, 7, 8],
        [0, 3, 6], [1, 4, 7], [2, 5, 8],
        [0, 4, 8], [2, 4, 6],
    ];

    private static readonly Move[] PlaceMoves = [.. Enumerable.Range(0, Cells).Select(static cell => Place(cell))];

    /// <inheritdoc />
    public override string Id => RulesetId;

    /// <inheritdoc />
    public override int MinPlayers => 2;

    /// <summary>The move that places a mark in <paramref name="cell"/>.</summary>
    public static Move Place(int cell) => new(PlaceKind, cell.ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc />
    protected override int MaxPlayers(TicTacToeState body) => 2;

    /// <inheritdoc />
    protected override Result<TicTacToeState> ConfigureBody(GameOptions options) =>
        options.Settings.Count == 0
            ? TicTacToeState.Empty
            : new Rejection(RejectionCode.InvalidOptions, $"Tic-tac-toe has no settings; got: {string.Join(", ", options.Settings.Keys)}.");

    /// <inheritdoc />
    protected override Decision Start(GameState lobby, TicTacToeState body, DecisionContext context) => Decision.Accept();

    /// <inheritdoc />
    protected override Decision DecideMove(GameState state, TicTacToeState body, Move move, DecisionContext context)
    {
        if (move.Kind != PlaceKind)
        {
            return Decision.Reject(RejectionCode.MalformedCommand, $"Unknown move {GameLimits.Echo(move.Kind)}; tic-tac-toe has only '{PlaceKind}'.");
        }

        if (!int.TryParse(move.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var cell))
        {
            return Decision.Reject(RejectionCode.MalformedCommand, $"{GameLimits.Echo(move.Payload)} is not a cell number; use 0 to 8.");
        }

        if (cell >= Cells)
        {
            return Decision.Reject(RejectionCode.OutOfBounds, $"Cell {cell} is off the board; use 0 to 8.");
        }

        if (state.Turn != context.PlayerId)
        {
            return Decision.Reject(RejectionCode.NotYourTurn, $"It is {state.Turn}'s turn.");
        }

        if (body.Board[cell] != Mark.None)
        {
            return Decision.Reject(RejectionCode.CellOccupied, $"Cell {cell} already holds {body.Board[cell]}.");
        }

        var mark = MarkOf(state.SeatOf(context.PlayerId));
        var board = body.Board.SetItem(cell, mark);
        var placed = new MarkPlaced(context.PlayerId, cell);
        if (WinningLine(board, mark) is not null)
        {
            return Decision.Accept(placed, new GameFinished([context.PlayerId], [], "three-in-a-row"));
        }

        return board.Contains(Mark.None) ? Decision.Accept(placed) : Decision.Accept(placed, new GameFinished([], [], "board-full"));
    }

    /// <inheritdoc />
    protected override GameState Evolve(GameState state, TicTacToeState body, GameEvent gameEvent) => gameEvent switch
    {
        GameStarted => state with { Phase = GamePhase.Playing, Round = 1, Turn = state.Players[0] },
        MarkPlaced placed => state with
        {
            Body = body with { Board = body.Board.SetItem(placed.Cell, MarkOf(state.SeatOf(placed.PlayerId))) },
            Turn = state.Players[1 - state.SeatOf(placed.PlayerId)],
        },
        _ => state,
    };

    /// <inheritdoc />
    protected override IReadOnlyList<Move> LegalMoves(GameState state, TicTacToeState body, string playerId)
    {
        if (state.Phase != GamePhase.Playing || state.Turn != playerId)
        {
            return [];
        }

        var moves = new List<Move>(Cells);
        for (var cell = 0; cell < Cells; cell++)
        {
            if (body.Board[cell] == Mark.None)
            {
                moves.Add(PlaceMoves[cell]);
            }
        }

        return moves;
    }

    /// <inheritdoc />
    protected override Move? DefaultMove(GameState state, TicTacToeState body, string playerId)
    {
        if (state.Phase != GamePhase.Playing || state.Turn != playerId)
        {
            return null;
        }

        foreach (var cell in PreferredCells)
        {
            if (body.Board[cell] == Mark.None)
            {
                return PlaceMoves[cell];
            }
        }

        return null;
    }

    /// <inheritdoc />
    protected override RulesetDetails Details(GameState state, TicTacToeState body, string? viewer)
    {
        var seat = state.SeatOf(viewer);
        var line = WinningLine(body.Board, Mark.X) ?? WinningLine(body.Board, Mark.O);
        return new TicTacToeDetails(body.Render(), seat < 0 ? null : MarkOf(seat).ToString(), line);
    }

    /// <inheritdoc />
    protected override void Validate(GameState state, TicTacToeState body, ICollection<InvariantViolation> violations)
    {
        if (body.Board.Count != Cells)
        {
            violations.Add(new InvariantViolation("ttt-board-size", $"{body.Board.Count} cells"));
            return;
        }

        var xs = body.Count(Mark.X);
        var os = body.Count(Mark.O);
        if (xs - os is not (0 or 1))
        {
            violations.Add(new InvariantViolation("ttt-alternation", $"{xs} X and {os} O"));
        }

        var xWins = WinningLine(body.Board, Mark.X) is not null;
        var oWins = WinningLine(body.Board, Mark.O) is not null;
        if (state.Phase == GamePhase.Lobby && xs + os != 0)
        {
            violations.Add(new InvariantViolation("ttt-lobby-empty", $"{xs + os} marks before the start"));
        }

        if (xWins && oWins)
        {
            violations.Add(new InvariantViolation("ttt-one-winner", $"both sides have a line on {body.Render()}"));
        }

        // A decided board while still Playing is legal for one event: the winning mark is folded before GameFinished.
        if (state.Phase == GamePhase.Playing)
        {
            var expected = state.Players[xs == os ? 0 : 1];
            if (state.Turn != expected)
            {
                violations.Add(new InvariantViolation("ttt-turn", $"turn '{state.Turn}', expected '{expected}'"));
            }
        }

        if (state.Phase == GamePhase.Finished && state.Result is { } result)
        {
            var consistent = result.Winners.Length switch
            {
                0 => !xWins && !oWins && xs + os == Cells,
                1 => (xWins && result.Winners[0] == state.Players[0]) || (oWins && result.Winners[0] == state.Players[1]),
                _ => false,
            };
            if (!consistent)
            {
                violations.Add(new InvariantViolation("ttt-result", $"result [{string.Join(",", result.Winners)}] for board {body.Render()}"));
            }
        }
    }

    private static Mark MarkOf(int seat) => seat == 0 ? Mark.X : Mark.O;

    private static int[]? WinningLine(EquatableArray<Mark> board, Mark mark)
    {
        foreach (var line in Lines)
        {
            if (board[line[0]] == mark && board[line[1]] == mark && board[line[2]] == mark)
            {
                return line;
            }
        }

        return null;
    }
}
