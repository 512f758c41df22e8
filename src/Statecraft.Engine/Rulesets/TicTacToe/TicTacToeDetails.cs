using Statecraft.Engine.Core;

namespace Statecraft.Engine.Rulesets.TicTacToe;

/// <summary>The tic-tac-toe part of a view (JSON in <c>GameView.Details</c>); nothing is hidden in this game.</summary>
/// <param name="Board">Nine characters, row by row: <c>X</c>, <c>O</c> or <c>.</c>.</param>
/// <param name="YourMark">The viewer's mark, or null for a spectator.</param>
/// <param name="WinningLine">The three cells of the winning line once someone has won.</param>
public sealed record TicTacToeDetails(string Board, string? YourMark, IReadOnlyList<int>? WinningLine) : RulesetDetails;
