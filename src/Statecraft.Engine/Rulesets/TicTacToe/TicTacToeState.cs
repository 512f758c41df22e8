using Statecraft.Engine.Core;

namespace Statecraft.Engine.Rulesets.TicTacToe;

/// <summary>The board: nine cells, row by row, index 0 at the top left.</summary>
[StableName("tictactoe.state")]
public sealed record TicTacToeState(EquatableArray<Mark> Board) : RulesState
{
    /// <summary>An empty board.</summary>
    public static TicTacToeState Empty { get; } = new(EquatableArray.Repeat(Mark.None, TicTacToeRules.Cells));

    /// <summary>How many cells hold <paramref name="mark"/>.</summary>
    public int Count(Mark mark)
    {
        var count = 0;
        foreach (var cell in Board)
        {
            count += cell == mark ? 1 : 0;
        }

        return count;
    }

    /// <summary>The board as nine characters (<c>X</c>, <c>O</c> or <c>.</c>), row by row.</summary>
    public string Render() => string.Create(Board.Count, Board, static (span, board) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = board[i] switch { Mark.X => 'X', Mark.O => 'O', _ => '.' };
        }
    });
}
