namespace Statecraft.Abstractions.Games;

/// <summary>What a command asks the game to do.</summary>
[GenerateSerializer, Alias("statecraft.GameAction")]
public abstract record GameAction;

/// <summary>Create a game under the command's game id with a ruleset and options.</summary>
[GenerateSerializer, Immutable, Alias("statecraft.CreateGame")]
public sealed record CreateGame([property: Id(0)] string RulesetId, [property: Id(1)] GameOptions Options) : GameAction;

/// <summary>Take a free seat.</summary>
[GenerateSerializer, Immutable, Alias("statecraft.JoinGame")]
public sealed record JoinGame : GameAction;

/// <summary>Give up a seat before the game starts.</summary>
[GenerateSerializer, Immutable, Alias("statecraft.LeaveGame")]
public sealed record LeaveGame : GameAction;

/// <summary>Start the game (host only).</summary>
[GenerateSerializer, Immutable, Alias("statecraft.StartGame")]
public sealed record StartGame : GameAction;

/// <summary>End the game early; it accepts no further moves.</summary>
[GenerateSerializer, Immutable, Alias("statecraft.AbandonGame")]
public sealed record AbandonGame([property: Id(0)] string Reason) : GameAction;

/// <summary>Make a ruleset-specific move.</summary>
[GenerateSerializer, Immutable, Alias("statecraft.MakeMove")]
public sealed record MakeMove([property: Id(0)] Move Move) : GameAction;
