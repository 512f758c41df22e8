using Statecraft.Engine.Core;
using Statecraft.Engine.Events;

namespace Statecraft.Engine.Rulesets.TicTacToe;

/// <summary>A player put their mark in a cell.</summary>
[StableName("tictactoe.mark-placed")]
public sealed record MarkPlaced(string PlayerId, int Cell) : GameEvent;
