using Statecraft.Abstractions.Games;

namespace Statecraft.Engine.Core;

/// <summary>What a ruleset may use while deciding: the command, and randomness seeded from the command id.</summary>
public sealed class DecisionContext(GameCommand command)
{
    private DeterministicRandom? _random;

    /// <summary>The command being decided.</summary>
    public GameCommand Command { get; } = command;

    /// <summary>The acting player.</summary>
    public string PlayerId => Command.PlayerId;

    /// <summary>Randomness derived from the command id: a retry of the same command draws the same numbers.</summary>
    public DeterministicRandom Random => _random ??= DeterministicRandom.FromCommand(Command.CommandId);
}
