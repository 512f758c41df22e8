using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Statecraft.Abstractions.Flags;

namespace Statecraft.Grains.Flags;

/// <summary>
/// The cluster's feature flags. Runtime changes are persisted in grain storage <see cref="StorageName"/> and audited;
/// flags never changed at runtime take their configured defaults, so the <c>FF_*</c> environment switches keep working
/// until an operator overrides a flag (and again after <see cref="FlagChange.Reset"/>).
/// </summary>
public sealed partial class FeatureFlagGrain(
    [PersistentState("flags", FeatureFlagGrain.StorageName)] IPersistentState<FeatureFlagState> state,
    IOptions<FeatureFlagOptions> options,
    TimeProvider time,
    ILogger<FeatureFlagGrain> logger) : Grain, IFeatureFlagGrain
{
    /// <summary>The grain storage provider that holds flags.</summary>
    public const string StorageName = "flags";

    private const int AuditLimit = 1_000;
    private const int MaxTextLength = 200;

    /// <inheritdoc />
    public Task<FlagSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    /// <inheritdoc />
    public async Task<FlagSnapshot> Change(FlagChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Validate(change);
        var current = Snapshot();
        var before = current.Flags.GetValueOrDefault(change.Name);
        var defaults = options.Value.DefaultSnapshot().Flags.GetValueOrDefault(change.Name);
        var after = change.Reset ? defaults : Apply(before ?? new FlagDefinition { Name = change.Name }, change);
        var revision = state.State.Revision + 1;
        var entry = new FlagAuditEntry(revision, time.GetUtcNow(), change.Name, change.ChangedBy, change.Reason,
            before?.Describe() ?? "undefined", after?.Describe() ?? "undefined");

        state.State.Changed = change.Reset ? state.State.Changed.Remove(change.Name) : state.State.Changed.SetItem(change.Name, after!);
        state.State.Revision = revision;
        state.State.Audit.Add(entry);
        if (state.State.Audit.Count > AuditLimit)
        {
            state.State.Audit.RemoveRange(0, state.State.Audit.Count - AuditLimit);
        }

        await state.WriteStateAsync();
        LogChanged(change.Name, entry.Before, entry.After, change.ChangedBy, change.Reason, revision);
        return Snapshot();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FlagAuditEntry>> GetAudit(int max) =>
        Task.FromResult<IReadOnlyList<FlagAuditEntry>>([.. state.State.Audit.AsEnumerable().Reverse().Take(Math.Clamp(max, 0, AuditLimit))]);

    private FlagSnapshot Snapshot()
    {
        var defaults = options.Value.DefaultSnapshot();
        return new FlagSnapshot { Revision = state.State.Revision, Flags = defaults.Flags.SetItems(state.State.Changed) };
    }

    private static FlagDefinition Apply(FlagDefinition flag, FlagChange change)
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

    private static void Validate(FlagChange change)
    {
        void Require(bool holds, string message)
        {
            if (!holds)
            {
                throw new InvalidFlagChangeException(message);
            }
        }

        Require(change.Name is not null && FlagNamePattern().IsMatch(change.Name), $"'{change.Name}' is not a valid flag name: use 1 to 64 letters, digits, '.', '-' or '_'.");
        Require(!string.IsNullOrWhiteSpace(change.ChangedBy) && change.ChangedBy.Length <= MaxTextLength, $"Say who makes the change (1 to {MaxTextLength} characters).");
        Require(!string.IsNullOrWhiteSpace(change.Reason) && change.Reason.Length <= MaxTextLength, $"Give a reason for the change (1 to {MaxTextLength} characters).");
        var kinds = (change.Enabled is not null && change.GameId is null ? 1 : 0) + (change.Percentage is not null ? 1 : 0)
            + (change.GameId is not null ? 1 : 0) + (change.Reset ? 1 : 0);
        Require(kinds == 1, "Change exactly one thing: on/off, a percentage, one game's override, or a reset.");
        Require(change.Percentage is null or (>= 0 and <= 100), $"A percentage must be 0 to 100 (was {change.Percentage}).");
        Require(change.GameId is null || (change.GameId.Length is > 0 and <= 256 && (change.Enabled is not null ^ change.ClearGameOverride)),
            "A game override needs a game id and either a value or ClearGameOverride.");
        Require(!change.ClearGameOverride || change.GameId is not null, "ClearGameOverride needs a game id.");
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex FlagNamePattern();

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Flag {Flag} changed from {Before} to {After} by {ChangedBy}: {Reason} (revision {Revision})")]
    private partial void LogChanged(string flag, string before, string after, string changedBy, string reason, long revision);
}
