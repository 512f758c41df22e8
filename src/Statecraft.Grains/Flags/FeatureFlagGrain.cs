using Microsoft.Extensions.Logging;
using Statecraft.Abstractions.Flags;

namespace Statecraft.Grains.Flags;

/// <summary>
/// The cluster's feature flags: a thin adapter over <see cref="FeatureFlagRules"/> and grain storage
/// <see cref="StorageName"/>. Runtime changes are persisted and audited; flags never changed at runtime take their
/// configured defaults, so the <c>FF_*</c> environment switches keep working until an operator overrides a flag (and
/// again after <see cref="FlagChange.Reset"/>). A change that cannot be stored changes nothing, in storage or here.
/// </summary>
public sealed partial class FeatureFlagGrain(
    [PersistentState("flags", FeatureFlagGrain.StorageName)] IPersistentState<FeatureFlagState> state,
    FeatureFlagRules rules,
    TimeProvider time,
    ILogger<FeatureFlagGrain> logger) : Grain, IFeatureFlagGrain
{
    /// <summary>The grain storage provider that holds flags.</summary>
    public const string StorageName = "flags";

    /// <inheritdoc />
    public Task<FlagSnapshot> GetSnapshot() => Task.FromResult(rules.Snapshot(state.State));

    /// <inheritdoc />
    public async Task<FlagSnapshot> Change(FlagChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var current = state.State;
        var (next, entry) = rules.Apply(current, change, time.GetUtcNow());
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            state.State = current;
            LogWriteFailed(exception, change.Name, entry.Revision);
            await ResyncAsync();
            if (state.State.Revision != entry.Revision || state.State.Audit.LastOrDefault() != entry)
            {
                throw new FlagStorageUnavailableException(
                    $"The change to flag '{change.Name}' could not be stored ({exception.Message}); nothing changed. Retry when flag storage is reachable.");
            }

            // The write landed and only its reply was lost: the change stands.
        }

        LogChanged(change.Name, entry.Before, entry.After, change.ChangedBy, change.Reason, entry.Revision);
        return rules.Snapshot(state.State);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FlagAuditEntry>> GetAudit(int max) =>
        Task.FromResult<IReadOnlyList<FlagAuditEntry>>([.. state.State.Audit.AsEnumerable().Reverse().Take(Math.Clamp(max, 0, FeatureFlagRules.AuditLimit))]);

    /// <summary>
    /// A failed write may still have landed (a lost reply) or lost to another writer: read what storage holds, so
    /// this activation serves the truth and its ETag is current. If storage is unreachable, the old state stays and
    /// the next write's ETag check brings the two together.
    /// </summary>
    private async Task ResyncAsync()
    {
        try
        {
            await state.ReadStateAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogResyncFailed(exception);
        }
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Flag {Flag} changed from {Before} to {After} by {ChangedBy}: {Reason} (revision {Revision})")]
    private partial void LogChanged(string flag, string before, string after, string changedBy, string reason, long revision);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Error, Message = "Storing the change to flag {Flag} (revision {Revision}) failed; the flags are unchanged")]
    private partial void LogWriteFailed(Exception exception, string flag, long revision);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "Re-reading the flags after a failed write failed; serving the last stored state")]
    private partial void LogResyncFailed(Exception exception);
}
