using System.Collections.Immutable;
using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Simulation;

namespace Statecraft.Benchmarks.Peers;

/// <summary>
/// Recorded random 4-player Oh Hell games on a long schedule (rounds of 10 cards, ~56 events each), each cut after
/// the first command that reaches the wanted number of events. The engine draws its randomness from command ids, so
/// the same commands replay identically under any game id and on every grain.
/// </summary>
internal static class RecordedGames
{
    public static IReadOnlyList<GameCommand>[] Create(int events, int count) =>
        [.. Enumerable.Range(1, count).Select(seed => Create(events, (ulong)seed))];

    private static List<GameCommand> Create(int events, ulong seed)
    {
        var rounds = (events / 50) + 1;
        var options = GameOptions.Default with
        {
            Settings = ImmutableSortedDictionary<string, string>.Empty
                .Add("maxPlayers", "4")
                .Add(OhHellConfig.HandSizesKey, string.Join(",", Enumerable.Repeat("10", rounds))),
        };
        var played = new SelfPlay(GameDecider.Default, seed).Play("recorded", OhHellRules.RulesetId, options,
            ["player-00", "player-01", "player-02", "player-03"], 100_000);
        var commands = new List<GameCommand>();
        var count = 0;
        foreach (var step in played.Steps.TakeWhile(_ => count < events))
        {
            commands.Add(step.Command);
            count += step.Events.Count;
        }

        return commands;
    }
}
