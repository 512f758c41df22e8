using Statecraft.Abstractions.Flags;

namespace Statecraft.Grains.Tests.Flags;

public sealed class FlagDefinitionTests
{
    [Fact]
    public void A_percentage_rollout_is_stable_per_game_and_close_to_the_share_asked_for()
    {
        var flag = new FlagDefinition { Name = "Rollout", Percentage = 30 };
        var games = Enumerable.Range(0, 10_000).Select(i => $"game-{i}").ToList();
        var enabled = games.Count(g => flag.IsEnabledFor(g));
        Assert.InRange(enabled, 2_700, 3_300);
        Assert.All(games.Take(100), g => Assert.Equal(flag.IsEnabledFor(g), flag.IsEnabledFor(g)));
        // Raising the percentage only adds games: a game never drops out of a rollout that grows.
        var wider = flag with { Percentage = 60 };
        Assert.All(games.Where(g => flag.IsEnabledFor(g)), g => Assert.True(wider.IsEnabledFor(g)));
    }

    [Fact]
    public void A_per_game_override_wins_over_everything()
    {
        var flag = new FlagDefinition { Name = "UseStatePersistence", Enabled = true }.WithOverride("g1", false);
        Assert.False(flag.IsEnabledFor("g1"));
        Assert.True(flag.IsEnabledFor("g2"));
        Assert.True(flag.IsEnabledFor(null));
        Assert.False(new FlagSnapshot().IsEnabled("Unknown", "g1"));
    }
}

internal static class FlagDefinitionExtensions
{
    public static FlagDefinition WithOverride(this FlagDefinition flag, string gameId, bool value) =>
        flag with { GameOverrides = flag.GameOverrides.SetItem(gameId, value) };
}
