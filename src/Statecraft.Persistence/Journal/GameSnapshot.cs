using Statecraft.Engine.Core;

namespace Statecraft.Persistence.Journal;

/// <summary>
/// What a snapshot holds: the game's state and the window of recently applied commands, so a retried command is
/// still recognised after the game is recovered from this snapshot on another silo.
/// </summary>
public sealed record GameSnapshot(GameState State, EquatableArray<ProcessedCommand> RecentCommands);
