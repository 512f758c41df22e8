namespace Statecraft.Engine.Core;

/// <summary>The ruleset-specific part of a game's state (a board, hands, bids). Each ruleset derives its own record.</summary>
public abstract record RulesState;
