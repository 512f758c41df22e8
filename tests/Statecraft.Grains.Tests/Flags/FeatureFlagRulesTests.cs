using Statecraft.Abstractions.Flags;
using Statecraft.Grains.Flags;

namespace Statecraft.Grains.Tests.Flags;

/// <summary>What a flag change does, without a cluster.</summary>
public sealed class FeatureFlagRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static FeatureFlagRules Rules(params (string Name, bool Value)[] defaults)
    {
        var options = new FeatureFlagOptions();
        foreach (var (name, value) in defaults)
        {
            options.Defaults[name] = value;
        }

        return new FeatureFlagRules(options);
    }

    [Fact]
    public void Declared_flags_are_the_built_in_ones_and_those_with_a_configured_default()
    {
        var rules = Rules(("NewLobby", false));

        Assert.Equal([FlagNames.EnableStateRecovery, FlagNames.EnableStateSnapshots, "NewLobby", FlagNames.UseStatePersistence], rules.Declared.Order(StringComparer.Ordinal));
        Assert.Throws<InvalidFlagChangeException>(() => rules.Apply(new FeatureFlagState(), Change("NewLoby", enabled: true), Now));
    }

    [Fact]
    public void Applying_a_change_never_alters_the_state_it_is_given()
    {
        var rules = Rules(("NewLobby", false));
        var current = new FeatureFlagState();

        var (next, entry) = rules.Apply(current, Change("NewLobby", enabled: true), Now);

        Assert.Equal(0, current.Revision);
        Assert.Empty(current.Changed);
        Assert.Empty(current.Audit);
        Assert.Equal(1, next.Revision);
        Assert.Equal([entry], next.Audit);
    }

    [Fact]
    public void Reset_forgets_the_runtime_change_so_the_default_applies_again()
    {
        var rules = Rules();
        var (off, _) = rules.Apply(new FeatureFlagState(), Change(FlagNames.UseStatePersistence, enabled: false), Now);
        Assert.True(rules.Snapshot(off).IsChangedAtRuntime(FlagNames.UseStatePersistence));

        var (reset, entry) = rules.Apply(off, new FlagChange { Name = FlagNames.UseStatePersistence, Reset = true, ChangedBy = "t", Reason = "r" }, Now);

        Assert.Empty(reset.Changed);
        Assert.True(rules.Snapshot(reset).IsEnabled(FlagNames.UseStatePersistence));
        Assert.Equal(("off", "on"), (entry.Before, entry.After));
    }

    [Fact]
    public void Game_overrides_per_flag_are_capped()
    {
        var rules = Rules(("NewLobby", false));
        var state = new FeatureFlagState();
        for (var i = 0; i < FeatureFlagRules.MaxGameOverridesPerFlag; i++)
        {
            (state, _) = rules.Apply(state, new FlagChange { Name = "NewLobby", GameId = $"g{i}", Enabled = true, ChangedBy = "t", Reason = "r" }, Now);
        }

        var refused = Assert.Throws<InvalidFlagChangeException>(
            () => rules.Apply(state, new FlagChange { Name = "NewLobby", GameId = "one-more", Enabled = true, ChangedBy = "t", Reason = "r" }, Now));
        Assert.Contains("1000 game overrides", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_audit_trail_keeps_the_newest_entries()
    {
        var rules = Rules(("NewLobby", false));
        var state = new FeatureFlagState();
        for (var i = 0; i < FeatureFlagRules.AuditLimit + 5; i++)
        {
            (state, _) = rules.Apply(state, Change("NewLobby", enabled: i % 2 == 0), Now);
        }

        Assert.Equal(FeatureFlagRules.AuditLimit, state.Audit.Count);
        Assert.Equal(state.Revision, state.Audit[^1].Revision);
    }

    [Fact]
    public void Declaring_too_many_flags_or_an_invalid_name_fails_at_start_naming_the_key()
    {
        var options = new FeatureFlagOptions();
        for (var i = 0; i < FeatureFlagOptions.MaxFlags; i++)
        {
            options.Defaults[$"Flag{i}"] = true;
        }

        options.Defaults["bad name"] = true;
        var result = new FeatureFlagOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Statecraft:FeatureFlags:Defaults:bad name", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("at most 64", StringComparison.Ordinal));
    }

    private static FlagChange Change(string name, bool enabled) => new() { Name = name, Enabled = enabled, ChangedBy = "t", Reason = "r" };
}
