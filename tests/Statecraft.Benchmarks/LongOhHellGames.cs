using System.Collections.Immutable;
using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Simulation;

namespace Statecraft.Benchmarks;

/// <summary>
/// The recorded games the grain-level harnesses replay: random 4-player Oh Hell on a long schedule (rounds of 10
/// cards, about 56 events each). The engine draws its randomness from command ids, so a game replays identically
/// under any game id.
/// </summary>
internal static class LongOhHellGames
{
    private static readonly string[] Players = ["player-00", "player-01", "player-02", "player-03"];

    /// <summary>The random game of <paramref name="seed"/> with <paramref name="rounds"/> rounds, played to its end.</summary>
    public static PlayedGame Play(string gameId, ulong seed, int rounds)
    {
        var options = GameOptions.Default with
        {
            Settings = ImmutableSortedDictionary<string, string>.Empty
                .Add(OhHellConfig.MaxPlayersKey, "4")
                .Add(OhHellConfig.HandSizesKey, string.Join(",", Enumerable.Repeat("10", rounds))),
        };
        return new SelfPlay(GameDecider.Default, seed).Play(gameId, OhHellRules.RulesetId, options, Players, 100_000);
    }
}
