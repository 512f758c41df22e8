using Statecraft.Abstractions.Games;
using Statecraft.LoadTest.Options;

namespace Statecraft.LoadTest.Tables;

/// <summary>What one game at a table is: its ruleset, options and the bots seated (the first one hosts).</summary>
internal sealed record TablePlan(string RulesetId, GameOptions Options, IReadOnlyList<string> Players)
{
    /// <summary>The tic-tac-toe ruleset id.</summary>
    public const string TicTacToe = "tictactoe";

    /// <summary>The Oh Hell ruleset id.</summary>
    public const string OhHell = "oh-hell";

    /// <summary>Oh Hell's hand sizes for load: three short rounds keep games quick, so tables turn over.</summary>
    public const string OhHellHandSizes = "3,2,1";

    /// <summary>The fewest and most bots at an Oh Hell table (the ruleset allows 3–7).</summary>
    public const int OhHellMinBots = 3, OhHellMaxBots = 5;

    /// <summary>
    /// The next game for table <paramref name="slot"/>. Mixed loads give even tables tic-tac-toe and odd ones Oh Hell,
    /// so the split is exactly even however many tables there are; the Oh Hell seat count comes from the table's seeded
    /// random source.
    /// </summary>
    public static TablePlan For(RulesetMix mix, int slot, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var ohHell = mix switch
        {
            RulesetMix.TicTacToe => false,
            RulesetMix.OhHell => true,
            _ => slot % 2 == 1,
        };

        return ohHell
            ? new TablePlan(OhHell, GameOptions.With(("handSizes", OhHellHandSizes)), Bots(random.Next(OhHellMinBots, OhHellMaxBots + 1)))
            : new TablePlan(TicTacToe, GameOptions.Default, Bots(2));
    }

    private static string[] Bots(int count) => [.. Enumerable.Range(1, count).Select(seat => $"bot-{seat}")];
}
