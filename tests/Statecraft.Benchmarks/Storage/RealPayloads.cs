using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Events;
using Statecraft.Engine.Simulation;
using Statecraft.Persistence.Journal;

namespace Statecraft.Benchmarks.Storage;

/// <summary>Events and a snapshot from a real 4-player Oh Hell game, so stored records have realistic sizes.</summary>
internal static class RealPayloads
{
    public static PlayedGame Game(int players = 4, ulong seed = 42) =>
        new SelfPlay(GameDecider.Default, seed).Play($"bench-{players}", Engine.Rulesets.OhHell.OhHellRules.RulesetId, GameOptions.Default,
            [.. Enumerable.Range(0, players).Select(i => $"player-{i:D2}")], 100_000);

    public static IReadOnlyList<GameEvent> Events(PlayedGame game) => [.. game.Events];

    /// <summary>A mid-game state with a window of the commands so far, as a snapshot would hold it.</summary>
    public static GameSnapshot MidGameSnapshot(PlayedGame game)
    {
        var cut = game.Steps.Count / 2;
        var window = new RecentCommandWindow(1_000, game.Steps.Take(cut).Select(s => new ProcessedCommand(s.Command.CommandId, s.Before.Version + s.Events.Count)));
        return new GameSnapshot(game.Steps[cut].Before, window.ToArray());
    }
}
