using System.Globalization;
using CsCheck;
using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Engine.Simulation;

namespace Statecraft.Engine.Tests.Properties;

/// <summary>A randomly configured game and the most moves its rules can take to finish.</summary>
internal sealed record Scenario(string RulesetId, GameOptions Options, string[] Players, ulong Seed, int MoveBound)
{
    public PlayedGame Play() => new SelfPlay(GameDecider.Default, Seed).Play($"game-{Seed}", RulesetId, Options, Players, MoveBound);

    public override string ToString() =>
        $"{RulesetId} players={Players.Length} seed={Seed} settings=[{string.Join(";", Options.Settings.Select(s => $"{s.Key}={s.Value}"))}]";

    public static Gen<Scenario> TicTacToe { get; } =
        Gen.ULong.Select(seed => new Scenario(TicTacToeRules.RulesetId, GameOptions.Default, ["p0", "p1"], seed, MoveBound: 9));

    /// <summary>Short games: one to four rounds of random dealable sizes, any seat count, hook on or off.</summary>
    public static Gen<Scenario> OhHellShort { get; } =
        Gen.Int[OhHellConfig.MinSeats, OhHellConfig.MaxSeats].SelectMany(players =>
            Gen.Select(
                Gen.Int[1, Math.Min(10, OhHellConfig.DealableCards / OhHellConfig.MaxSeats)].Array[1, 4],
                Gen.Bool,
                Gen.ULong,
                (sizes, hook, seed) => OhHell(players, hook, seed, sizes)));

    /// <summary>Full games with the default schedule (up to ten rounds).</summary>
    public static Gen<Scenario> OhHellFull { get; } =
        Gen.Select(Gen.Int[OhHellConfig.MinSeats, OhHellConfig.MaxSeats], Gen.ULong, (players, seed) => OhHell(players, hook: true, seed, sizes: null));

    public static Gen<Scenario> Any { get; } = Gen.OneOf(TicTacToe, OhHellShort);

    private static Scenario OhHell(int players, bool hook, ulong seed, int[]? sizes)
    {
        var settings = new List<(string, string)> { (OhHellConfig.HookKey, hook ? "true" : "false") };
        if (sizes is not null)
        {
            settings.Add((OhHellConfig.HandSizesKey, string.Join(",", sizes.Select(size => size.ToString(CultureInfo.InvariantCulture)))));
        }

        var options = GameOptions.With([.. settings]);
        var schedule = OhHellConfig.Parse(options).Value!.ScheduleFor(players);
        // Per round: one bid per player, every card played, and one deal.
        var bound = schedule.Sum(handSize => players + (players * handSize) + 1);
        return new Scenario(OhHellRules.RulesetId, options, [.. Enumerable.Range(0, players).Select(i => $"p{i}")], seed, bound);
    }
}
