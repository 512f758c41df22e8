using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.Client;

namespace Statecraft.Grains.Tests.Cluster;

/// <summary>Drives games through the client as frontends would.</summary>
internal static class Bots
{
    public static async Task<GameHandle> SeatAsync(StatecraftClient client, string gameId, string ruleset, string[] players, GameOptions? options = null)
    {
        var game = client.Game(gameId);
        AssertAccepted(await game.CreateAsync(players[0], ruleset, options));
        foreach (var player in players)
        {
            AssertAccepted(await game.JoinAsync(player));
        }

        AssertAccepted(await game.StartAsync(players[0]));
        return game;
    }

    /// <summary>Makes up to <paramref name="moves"/> random legal moves; returns the results of the accepted ones.</summary>
    public static async Task<List<CommandResult>> PlayAsync(GameHandle game, int moves, int seed)
    {
        var random = new Random(seed);
        var results = new List<CommandResult>();
        for (var i = 0; i < moves; i++)
        {
            var view = (await game.GetViewAsync(null)).View!;
            if (view.Phase.IsTerminal || view.Turn is not { } player)
            {
                break;
            }

            var legal = await game.GetLegalMovesAsync(player);
            var result = await game.MoveAsync(player, legal[random.Next(legal.Count)]);
            AssertAccepted(result);
            results.Add(result);
        }

        return results;
    }

    public static void AssertAccepted(CommandResult result) => Assert.True(result.Accepted, $"expected acceptance, got {result}");
}
