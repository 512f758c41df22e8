using Statecraft.Persistence.Codec;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;

namespace Statecraft.Benchmarks.Recovery;

/// <summary>A game to seed: its id, the template it is cut from, and the version it ends at (the end of a command).</summary>
internal sealed record SeedPlan(string GameId, TemplateGame Template, long Version)
{
    /// <summary>The newest snapshot the game holds: where its recovery starts.</summary>
    public long NewestSnapshot => Template.Snapshots.Keys.Where(v => v <= Version).DefaultIfEmpty(0).Max();
}

/// <summary>What seeding wrote.</summary>
internal sealed record SeedTotals(int Games, long Events, long Snapshots, long Appends, long Compactions, TimeSpan Elapsed);

/// <summary>
/// Writes games into a store as a silo running the default persistence options would have left them after a crash
/// (no final snapshot): every event of the cut, and the snapshots the policy wrote up to the cut that pruning keeps
/// (the newest <see cref="PersistenceOptions.SnapshotsToKeep"/>), each at its own version, with the header and batch id
/// of the command it ended with. One append per kept snapshot plus one for the events after the newest: five or six
/// appends a game instead of one per command. Events are re-bound to the game's id (their checksum is the only part
/// that names it); snapshots are encoded afresh, because the state inside them carries the id.
/// </summary>
internal sealed class GameSeeder(IGameStore store, PersistenceOptions options)
{
    private readonly GameCodec _codec = new(TypeCatalog.ForEngine(), options.ToCodecSettings());
    private readonly SnapshotPolicy _policy = new(options, TimeProvider.System);

    /// <summary>
    /// <paramref name="count"/> games named <paramref name="prefix"/>-000000…, each cut from a template drawn at random
    /// at a length drawn uniformly from <paramref name="minEvents"/> to <paramref name="maxEvents"/>.
    /// </summary>
    public static IReadOnlyList<SeedPlan> Plan(string prefix, int count, IReadOnlyList<TemplateGame> templates, int minEvents, int maxEvents, Random random)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(random);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var template = templates[random.Next(templates.Count)];
            return new SeedPlan($"{prefix}-{i:D6}", template, template.CutAt(random.Next(minEvents, maxEvents + 1)));
        })];
    }

    /// <summary>Seeds every plan, <paramref name="concurrency"/> games at a time.</summary>
    public async Task<SeedTotals> SeedAsync(IReadOnlyList<SeedPlan> plans, int concurrency)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var started = TimeProvider.System.GetTimestamp();
        long events = 0, snapshots = 0, appends = 0, compactions = 0;
        await Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (plan, token) =>
        {
            foreach (var request in Appends(plan, DateTimeOffset.UtcNow))
            {
                var result = await store.AppendAsync(request, token);
                if (result.Status != AppendStatus.Appended)
                {
                    throw new InvalidOperationException($"Seeding {plan.GameId} at v{request.ExpectedVersion} was {result.Status}: is the key prefix shared?");
                }

                Interlocked.Add(ref events, request.Events.Count);
                Interlocked.Add(ref snapshots, request.Snapshot is null ? 0 : 1);
                Interlocked.Increment(ref appends);
            }

            if (Compacts(plan))
            {
                await store.CompactAsync(plan.GameId, token);
                Interlocked.Increment(ref compactions);
            }
        });

        return new SeedTotals(plans.Count, events, snapshots, appends, compactions, TimeProvider.System.GetElapsedTime(started));
    }

    /// <summary>The appends that leave <paramref name="plan"/> stored as production would, in the order they must run.</summary>
    public IEnumerable<AppendRequest> Appends(SeedPlan plan, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var template = plan.Template;
        var kept = SnapshotVersions(plan).TakeLast(options.SnapshotsToKeep).ToList();
        var after = 0L;
        foreach (var end in kept.Append(plan.Version).Distinct())
        {
            var events = template.Events.Skip((int)after).Take((int)(end - after)).Select(e => Rebind(plan.GameId, e)).ToList();
            var snapshot = kept.Contains(end) ? new SnapshotRecord(end, now, EncodeSnapshot(plan.GameId, template.Snapshots[end])) : null;
            // The header and batch id are those of the command ending here: the last append leaves what its commit left.
            var original = template.AppendEndingAt(end);
            yield return new AppendRequest(original.Header with { GameId = plan.GameId }, after, events, snapshot, original.BatchId);
            after = end;
        }
    }

    /// <summary>
    /// Whether a snapshot up to the cut crossed a compaction boundary, as only games past
    /// <see cref="PersistenceOptions.CompactAfterEvents"/> do. Compacting after seeding drops the events up to the oldest
    /// kept snapshot; production dropped those up to the oldest kept when the boundary was crossed, a few events fewer
    /// when snapshots followed. Recovery reads neither.
    /// </summary>
    private bool Compacts(SeedPlan plan)
    {
        var previous = 0L;
        foreach (var version in SnapshotVersions(plan))
        {
            if (_policy.ShouldCompact(previous, version))
            {
                return true;
            }

            previous = version;
        }

        return false;
    }

    private static IEnumerable<long> SnapshotVersions(SeedPlan plan) => plan.Template.Snapshots.Keys.Where(v => v <= plan.Version).Order();

    private EncodedPayload EncodeSnapshot(string gameId, GameSnapshot snapshot) =>
        _codec.EncodeSnapshot(gameId, snapshot.State.Version, snapshot with { State = snapshot.State with { GameId = gameId } });

    /// <summary>The event under another game's id: same bytes, the checksum bound to the new id.</summary>
    private static EventRecord Rebind(string gameId, EventRecord record)
    {
        var payload = record.Payload;
        var checksum = RecordChecksum.Compute(gameId, RecordChecksum.Kind.Event, record.Version, payload.Type, payload.SchemaVersion, payload.Encoding, payload.Data);
        return record with { Payload = payload with { Checksum = checksum } };
    }
}
