using Statecraft.Abstractions.Flags;
using Statecraft.Grains.Flags;

namespace Statecraft.Providers.Tests;

/// <summary>The flag grain's real state, with everything it can hold: percentages, per-game overrides and an audit trail.</summary>
internal static class FlagStates
{
    public static FeatureFlagOptions Options() => new() { Defaults = { ["NewLobby"] = false, ["RankedMatches"] = true } };

    public static FeatureFlagState Rich()
    {
        var rules = new FeatureFlagRules(Options());
        var state = new FeatureFlagState();
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(1));
        foreach (var change in new[]
        {
            new FlagChange { Name = "NewLobby", Percentage = 25, ChangedBy = "ops@example", Reason = "canary" },
            new FlagChange { Name = "NewLobby", GameId = "vip-1", Enabled = true, ChangedBy = "ops@example", Reason = "vip" },
            new FlagChange { Name = "NewLobby", GameId = "banned-1", Enabled = false, ChangedBy = "ops@example", Reason = "abuse" },
            new FlagChange { Name = FlagNames.EnableStateSnapshots, Enabled = false, ChangedBy = "oncall", Reason = "incident 42" },
            new FlagChange { Name = "RankedMatches", Enabled = false, ChangedBy = "oncall", Reason = "löschen — ünïcode reason" },
        })
        {
            (state, _) = rules.Apply(state, change, at);
            at = at.AddMinutes(1);
        }

        return state;
    }

    public static void AssertEqual(FeatureFlagState expected, FeatureFlagState actual)
    {
        Assert.Equal(expected.Revision, actual.Revision);
        Assert.Equal(expected.Changed.Keys, actual.Changed.Keys);
        foreach (var (name, flag) in expected.Changed)
        {
            var read = actual.Changed[name];
            Assert.Equal((flag.Name, flag.Enabled, flag.Percentage), (read.Name, read.Enabled, read.Percentage));
            Assert.Equal(flag.GameOverrides, read.GameOverrides);
        }

        Assert.Equal(expected.Audit, actual.Audit);
    }
}
