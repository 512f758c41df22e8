using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;

namespace Statecraft.Engine.Events;

/// <summary>A game was created with a ruleset and options; the game is now in the lobby.</summary>
[StableName("game.created")]
public sealed record GameCreated(string RulesetId, GameOptions Options) : GameEvent;

/// <summary>A player took the next free seat.</summary>
[StableName("game.player-joined")]
public sealed record PlayerJoined(string PlayerId) : GameEvent;

/// <summary>A player gave up their seat in the lobby; later seats move up by one.</summary>
[StableName("game.player-left")]
public sealed record PlayerLeft(string PlayerId) : GameEvent;

/// <summary>The host started the game; the seats are now fixed.</summary>
[StableName("game.started")]
public sealed record GameStarted(string StartedBy) : GameEvent;

/// <summary>A player ended the game early.</summary>
[StableName("game.abandoned")]
public sealed record GameAbandoned(string AbandonedBy, string Reason) : GameEvent;

/// <summary>The game ended by its rules.</summary>
[StableName("game.finished")]
public sealed record GameFinished(EquatableArray<string> Winners, EquatableArray<int> Scores, string Reason) : GameEvent;
