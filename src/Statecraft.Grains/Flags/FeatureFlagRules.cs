using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Statecraft.Abstractions.Flags;

namespace Statecraft.Grains.Flags;

/// <summary>
/// What a flag change does, without Orleans: validates it against the declared flags and the caps, and returns the
/// next state (never changing the one it is given), so the grain can put the old state back if storing fails.
/// </summary>
public sealed partial class FeatureFlagRules(FeatureFlagOptions options)
{
    /// <summary>Audit entries kept; older ones fall out.</summary>
    public const int AuditLimit = 1_000;

    /// <summary>Per-game overrides one flag may hold.</summary>
    public const int MaxGameOverridesPerFlag = 1_000;

    private const int MaxTextLength = 200;

    private readonly FlagSnapshot _defaults = options.DefaultSnapshot();

    /// <summary>The flags that may be changed: the built-in ones and those declared under <c>Defaults</c>.</summary>
    public IReadOnlyCollection<string> Declared => _defaults.Flags.Keys.ToList();

    /// <summary>Every flag at <paramref name="state"/>'s revision: defaults overlaid with the runtime changes.</summary>
    public FlagSnapshot Snapshot(FeatureFlagState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new FlagSnapshot
        {
            Revision = state.Revision,
            Flags = _defaults.Flags.SetItems(state.Changed),
            ChangedAtRuntime = state.Changed.Keys.ToImmutableSortedSet(StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// The state after <paramref name="change"/>, with its audit entry; throws <see cref="InvalidFlagChangeException"/>
    /// (naming what is wrong) for a change that is not allowed.
    /// </summary>
    public (FeatureFlagState State, FlagAuditEntry Entry) Apply(FeatureFlagState current, FlagChange change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(change);
        Validate(current, change);
        var before = current.Changed.GetValueOrDefault(change.Name) ?? _defaults.Flags.GetValueOrDefault(change.Name);
        var after = change.Reset ? _defaults.Flags.GetValueOrDefault(change.Name) : Change(before ?? new FlagDefinition { Name = change.Name }, change);
        if (after is not null && after.GameOverrides.Count > MaxGameOverridesPerFlag)
        {
            throw new InvalidFlagChangeException(
                $"Flag '{change.Name}' already has {MaxGameOverridesPerFlag} game overrides, the most one flag keeps; clear some, or use a percentage.");
        }

        var revision = current.Revision + 1;
        var entry = new FlagAuditEntry(revision, now, change.Name, change.ChangedBy, change.Reason,
            before?.Describe() ?? "undefined", after?.Describe() ?? "undefined");
        var audit = current.Audit.Count >= AuditLimit ? current.Audit.Skip(current.Audit.Count - AuditLimit + 1) : current.Audit;
        var next = new FeatureFlagState
        {
            Revision = revision,
            Changed = change.Reset ? current.Changed.Remove(change.Name) : current.Changed.SetItem(change.Name, after!),
            Audit = [.. audit, entry],
        };
        return (next, entry);
    }

    private static FlagDefinition Change(FlagDefinition flag, FlagChange change)
    {
        if (change.GameId is { } gameId)
        {
            return flag with
            {
                GameOverrides = change.ClearGameOverride ? flag.GameOverrides.Remove(gameId) : flag.GameOverrides.SetItem(gameId, change.Enabled!.Value),
            };
        }

        return change.Percentage is { } percentage
            ? flag with { Percentage = percentage }
            : flag with { Enabled = change.Enabled!.Value, Percentage = null };
    }

    private void Validate(FeatureFlagState current, FlagChange change)
    {
        static void Require(bool holds, string message)
        {
            if (!holds)
            {
                throw new InvalidFlagChangeException(message);
            }
        }

        Require(IsValidName(change.Name),
            $"{Abstractions.Games.GameLimits.Echo(change.Name)} is not a valid flag name: use 1 to 64 letters, digits, '.', '-' or '_'.");
        // A typo in an emergency rollback must fail loudly, not be stored and do nothing. A flag that is stored but no
        // longer declared can still be reset, so old entries can be cleaned up.
        Require(_defaults.Flags.ContainsKey(change.Name!) || (change.Reset && current.Changed.ContainsKey(change.Name!)),
            $"Unknown flag '{change.Name}'. Known flags: {string.Join(", ", _defaults.Flags.Keys)}. "
            + $"Declare a new flag with a default under {FeatureFlagOptions.SectionName}:Defaults:<Name>.");
        Require(!string.IsNullOrWhiteSpace(change.ChangedBy) && change.ChangedBy.Length <= MaxTextLength, $"Say who makes the change (1 to {MaxTextLength} characters).");
        Require(!string.IsNullOrWhiteSpace(change.Reason) && change.Reason.Length <= MaxTextLength, $"Give a reason for the change (1 to {MaxTextLength} characters).");
        var kinds = (change.Enabled is not null && change.GameId is null ? 1 : 0) + (change.Percentage is not null ? 1 : 0)
            + (change.GameId is not null ? 1 : 0) + (change.Reset ? 1 : 0);
        Require(kinds == 1, "Change exactly one thing: on/off, a percentage, one game's override, or a reset.");
        Require(change.Percentage is null or (>= 0 and <= 100), $"A percentage must be 0 to 100 (was {change.Percentage}).");
        Require(change.GameId is null || (Abstractions.Games.GameLimits.IsValidGameId(change.GameId) && (change.Enabled is not null ^ change.ClearGameOverride)),
            $"A game override needs a valid game id (1 to {Abstractions.Games.GameLimits.MaxGameIdLength} letters, digits or - _ . : @) and either a value or ClearGameOverride.");
        Require(!change.ClearGameOverride || change.GameId is not null, "ClearGameOverride needs a game id.");
    }

    /// <summary>True for 1 to 64 letters, digits, '.', '-' or '_': the one rule for flag names, at start and at run time.</summary>
    internal static bool IsValidName(string? name) => name is not null && FlagNamePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex FlagNamePattern();
}
