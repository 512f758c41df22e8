namespace Statecraft.LoadTest.Options;

/// <summary>Which rulesets the load's tables play.</summary>
internal enum RulesetMix
{
    /// <summary>Every table plays tic-tac-toe (2 players, short games).</summary>
    TicTacToe,

    /// <summary>Every table plays Oh Hell (3–5 bots, three short rounds).</summary>
    OhHell,

    /// <summary>Tables alternate between the two, so both rulesets share the load.</summary>
    Mixed,
}
