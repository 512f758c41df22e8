using System.Text.Json;
using Statecraft.Abstractions.Games;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Engine.Tests.Support;

namespace Statecraft.Engine.Tests.TicTacToe;

public sealed class TicTacToeRulesTests
{
    private static Table NewGame() => Table.Started(TicTacToeRules.RulesetId, null, "x", "o");

    private static void PlayCells(Table table, params int[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            table.AcceptMove(i % 2 == 0 ? "x" : "o", TicTacToeRules.Place(cells[i]));
        }
    }

    [Fact]
    public void The_host_plays_x_and_moves_first()
    {
        var table = NewGame();
        Assert.Equal(GamePhase.Playing, table.State.Phase);
        Assert.Equal("x", table.State.Turn);
        Assert.Equal(1, table.State.Round);
        table.RejectMove("o", TicTacToeRules.Place(0), RejectionCode.NotYourTurn);
    }

    [Theory]
    [InlineData(new[] { 0, 3, 1, 4, 2 }, "X.. row")]
    [InlineData(new[] { 1, 0, 4, 2, 7 }, "middle column")]
    [InlineData(new[] { 0, 1, 4, 2, 8 }, "main diagonal")]
    [InlineData(new[] { 2, 0, 4, 1, 6 }, "anti diagonal")]
    public void Three_in_a_row_wins(int[] cells, string line)
    {
        var table = NewGame();
        PlayCells(table, cells);
        Assert.True(table.State.Phase == GamePhase.Finished, line);
        Assert.Equal(["x"], table.State.Result!.Winners);
        Assert.Equal("three-in-a-row", table.State.Result.Reason);
        Assert.Null(table.State.Turn);
    }

    [Fact]
    public void O_can_win_too()
    {
        var table = NewGame();
        PlayCells(table, 0, 3, 1, 4, 8, 5);
        Assert.Equal(["o"], table.State.Result!.Winners);
    }

    [Fact]
    public void A_full_board_without_a_line_is_a_draw()
    {
        var table = NewGame();
        // X O X / X O O / O X X
        PlayCells(table, 0, 1, 2, 4, 3, 5, 7, 6, 8);
        Assert.Equal(GamePhase.Finished, table.State.Phase);
        Assert.True(table.State.Result!.IsDraw);
        Assert.Equal("board-full", table.State.Result.Reason);
    }

    [Fact]
    public void Winning_with_the_last_cell_is_a_win_not_a_draw()
    {
        var table = NewGame();
        // Ends X O X / O O X / O X X: the ninth mark completes the right column.
        PlayCells(table, 0, 4, 2, 1, 7, 3, 5, 6, 8);
        Assert.Equal(["x"], table.State.Result!.Winners);
        Assert.Equal("three-in-a-row", table.State.Result.Reason);
    }

    [Fact]
    public void Occupied_out_of_range_and_malformed_cells_are_refused()
    {
        var table = NewGame();
        PlayCells(table, 4);
        table.RejectMove("o", TicTacToeRules.Place(4), RejectionCode.CellOccupied);
        table.RejectMove("o", TicTacToeRules.Place(9), RejectionCode.OutOfBounds);
        table.RejectMove("o", new Move("place", "-1"), RejectionCode.MalformedCommand);
        table.RejectMove("o", new Move("place", "one"), RejectionCode.MalformedCommand);
        table.RejectMove("o", new Move("place"), RejectionCode.MalformedCommand);
        table.RejectMove("o", new Move("bid", "1"), RejectionCode.MalformedCommand);
        table.RejectMove("eve", TicTacToeRules.Place(0), RejectionCode.UnknownPlayer);
    }

    [Fact]
    public void No_moves_are_accepted_after_the_game_is_won()
    {
        var table = NewGame();
        PlayCells(table, 0, 3, 1, 4, 2);
        table.RejectMove("o", TicTacToeRules.Place(5), RejectionCode.GameOver);
        Assert.Empty(table.Decider.LegalMoves(table.State, "o"));
    }

    [Fact]
    public void Legal_moves_are_the_empty_cells_for_the_player_to_move()
    {
        var table = NewGame();
        PlayCells(table, 4, 0);
        Assert.Equal([1, 2, 3, 5, 6, 7, 8], table.Decider.LegalMoves(table.State, "x").Select(m => int.Parse(m.Payload!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Empty(table.Decider.LegalMoves(table.State, "o"));
    }

    [Fact]
    public void Default_move_prefers_centre_then_corners()
    {
        var table = NewGame();
        Assert.Equal(TicTacToeRules.Place(4), table.Decider.DefaultMove(table.State, "x"));
        PlayCells(table, 4);
        Assert.Equal(TicTacToeRules.Place(0), table.Decider.DefaultMove(table.State, "o"));
        Assert.Null(table.Decider.DefaultMove(table.State, "x"));
    }

    [Fact]
    public void View_shows_board_and_the_viewers_mark()
    {
        var table = NewGame();
        PlayCells(table, 4, 0);
        var view = table.Decider.ViewFor(table.State, "o");
        using var details = JsonDocument.Parse(view.Details);
        Assert.Equal("O...X....", details.RootElement.GetProperty("board").GetString());
        Assert.Equal("O", details.RootElement.GetProperty("yourMark").GetString());
        Assert.Empty(view.LegalMoves);
        var spectator = table.Decider.ViewFor(table.State, "stranger");
        Assert.Null(spectator.Viewer);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(spectator.Details).RootElement.GetProperty("yourMark").ValueKind);
    }
}
