using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Records;

namespace Statecraft.Persistence.Journal;

/// <summary>
/// Changes to make durable: the events of one or more commands appended after <see cref="ExpectedVersion"/>, the state
/// after them (snapshotted when the policy says so, or when <see cref="ForcedSnapshot"/> is set), and the game's
/// snapshot position. <see cref="AllowSnapshots"/> false (the snapshot flag is off) means events only, whatever the
/// strategy; a forced snapshot is still written, because nothing else can bring storage level with the live state.
/// </summary>
public sealed record Commit(
    string GameId,
    long ExpectedVersion,
    IReadOnlyList<JournaledEvent> Events,
    GameSnapshot After,
    StreamPosition Position,
    bool PhaseChanged,
    SnapshotReason? ForcedSnapshot = null,
    bool AllowSnapshots = true)
{
    /// <summary>The version after the commit: the state's version.</summary>
    public long NewVersion => After.State.Version;

    /// <summary>
    /// The store's idempotency key for this commit: derived from the command ids when it carries events (a retry of the
    /// same commands is recognised wherever it comes from), fresh for each snapshot-only commit (a catch-up or final
    /// snapshot). Those carry no command ids, and one key shared by all of them let a later catch-up at the same
    /// expected version pass for the retry of an earlier one that had landed after timing out — acknowledging changes
    /// that were never stored. Retries of this same commit (the store-call retry) keep the key.
    /// </summary>
    public Guid BatchId { get; init; } = Events.Count > 0 ? Records.BatchId.From(Events.Select(e => e.CommandId).Distinct()) : Guid.NewGuid();
}

/// <summary>What a commit did.</summary>
/// <param name="Append">The store's answer; <see cref="AppendResult.IsDurable"/> means the changes are stored.</param>
/// <param name="Position">The snapshot position after the commit.</param>
/// <param name="Snapshot">Why a snapshot was written with it, or null.</param>
public sealed record CommitResult(AppendResult Append, StreamPosition Position, SnapshotReason? Snapshot);
