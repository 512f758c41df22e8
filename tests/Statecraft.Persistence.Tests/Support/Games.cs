using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Engine.Simulation;

namespace Statecraft.Persistence.Tests.Support;

/// <summary>Real games played by bots, as sources of real events and states.</summary>
internal static class Games
{
    public static PlayedGame OhHell(ulong seed, int players = 4, string? handSizes = null) =>
        new SelfPlay(GameDecider.Default, seed).Play($"oh-hell-{seed}", OhHellRules.RulesetId,
            handSizes is null ? GameOptions.Default : GameOptions.With((OhHellConfig.HandSizesKey, handSizes)),
            [.. Enumerable.Range(0, players).Select(i => $"player-{i}")], 10_000);

    public static PlayedGame TicTacToe(ulong seed) =>
        new SelfPlay(GameDecider.Default, seed).Play($"ttt-{seed}", TicTacToeRules.RulesetId, new GameOptions { TurnTimeout = TimeSpan.FromSeconds(30) }, ["x", "o"], 100);
}
