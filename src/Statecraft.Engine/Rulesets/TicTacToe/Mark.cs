namespace Statecraft.Engine.Rulesets.TicTacToe;

/// <summary>What a tic-tac-toe cell holds.</summary>
public enum Mark : byte
{
    /// <summary>Empty cell.</summary>
    None = 0,
    /// <summary>The first player's mark (seat 0).</summary>
    X = 1,
    /// <summary>The second player's mark (seat 1).</summary>
    O = 2,
}
