using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;

namespace Statecraft.Cli.Backups;

/// <summary>Reads a game out of a store at one version, and writes an archived game into a store, through the store contracts only.</summary>
internal static class GameArchiver
{
    private const int EventPage = 500;

    /// <summary>What a restore did with one game.</summary>
    public enum Outcome
    {
        Created,
        Overwritten,
        SkippedNewer,
        SkippedSame,
    }

    /// <summary>
    /// The game at its current version: a game that moves on while it is read is cut at the version read first (later
    /// events and snapshots are left out), so each game in a backup is consistent on its own. Null if it is gone.
    /// </summary>
    public static async Task<ArchivedGame?> ReadAsync(IGameStore store, string gameId, CancellationToken cancellationToken)
    {
        var head = await store.LoadAsync(gameId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return null;
        }

        var version = head.Version;
        var events = new List<EventRecord>();
        for (long from = 1; from <= version;)
        {
            var page = await store.ReadEventsAsync(gameId, from, version, EventPage, cancellationToken).ConfigureAwait(false);
            events.AddRange(page.Events.Where(e => e.Version <= version));
            if (page.NextFromVersion is not { } next || page.Events.Count == 0)
            {
                break;
            }

            from = next;
        }

        var snapshots = new List<SnapshotRecord>();
        foreach (var at in (await store.ListSnapshotVersionsAsync(gameId, cancellationToken).ConfigureAwait(false)).Where(v => v <= version).Order())
        {
            // The newest snapshot before at + 1 is the one at `at`, unless retention removed it meanwhile.
            var stored = await store.LoadAsync(gameId, at + 1, cancellationToken).ConfigureAwait(false);
            if (stored?.Snapshot is { } snapshot && snapshot.Version == at)
            {
                snapshots.Add(snapshot);
            }
        }

        return new ArchivedGame(head.Header with { Version = version }, events, snapshots);
    }

    /// <summary>
    /// Writes <paramref name="game"/> into <paramref name="store"/>: a game the store lacks is created; one the store
    /// holds at a higher version is left alone unless <paramref name="overwriteNewer"/>; at the same version it is left
    /// alone; otherwise it is deleted and written again. With <paramref name="dryRun"/> only the decision is made.
    /// </summary>
    public static async Task<Outcome> WriteAsync(IGameStore store, ArchivedGame game, bool overwriteNewer, bool dryRun, CancellationToken cancellationToken)
    {
        var existing = await store.LoadAsync(game.GameId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var outcome = existing switch
        {
            null => Outcome.Created,
            { Version: var v } when v > game.Version && !overwriteNewer => Outcome.SkippedNewer,
            { Version: var v } when v == game.Version && !overwriteNewer => Outcome.SkippedSame,
            _ => Outcome.Overwritten,
        };
        if (dryRun || outcome is Outcome.SkippedNewer or Outcome.SkippedSame)
        {
            return outcome;
        }

        if (existing is not null)
        {
            await store.DeleteAsync(game.GameId, cancellationToken).ConfigureAwait(false);
        }

        foreach (var append in Appends(game))
        {
            var result = await store.AppendAsync(append, cancellationToken).ConfigureAwait(false);
            if (!result.IsDurable)
            {
                throw new InvalidOperationException($"Game {game.GameId} changed in the target store while it was being restored (at version {result.CurrentVersion}); restore it again.");
            }
        }

        return outcome;
    }

    /// <summary>
    /// The appends that rebuild the stream, every record at its own version: snapshots that stand for versions without
    /// events (compacted away, or a catch-up after a time with persistence off) as snapshot-only appends, and the
    /// events in runs that end at each snapshot (written with it). Throws <see cref="InvalidDataException"/> when the
    /// records cannot form a stream (a gap no snapshot covers).
    /// </summary>
    internal static List<AppendRequest> Appends(ArchivedGame game)
    {
        var snapshots = new SortedDictionary<long, SnapshotRecord>(game.Snapshots.ToDictionary(s => s.Version));
        var appends = new List<AppendRequest>();
        var run = new List<EventRecord>();
        long stored = 0;

        void Flush(SnapshotRecord? snapshot)
        {
            var to = snapshot?.Version ?? run[^1].Version;
            appends.Add(new AppendRequest(Header(game, to), stored, [.. run], snapshot, Guid.NewGuid()));
            stored = to;
            run.Clear();
        }

        void SnapshotsUpTo(long version)
        {
            foreach (var snapshot in snapshots.Values.Where(s => s.Version > stored && s.Version <= version).ToList())
            {
                Flush(snapshot);
            }
        }

        foreach (var e in game.Events)
        {
            if (e.Version != stored + run.Count + 1)
            {
                if (run.Count > 0)
                {
                    Flush(null);
                }

                SnapshotsUpTo(e.Version - 1);
                if (stored != e.Version - 1)
                {
                    throw new InvalidDataException($"game {game.GameId}: events resume at version {e.Version} but nothing holds version {e.Version - 1}");
                }
            }

            run.Add(e);
            if (snapshots.TryGetValue(e.Version, out var snapshot))
            {
                Flush(snapshot);
            }
            else if (run.Count == 500)
            {
                Flush(null);
            }
        }

        if (run.Count > 0)
        {
            Flush(null);
        }

        SnapshotsUpTo(game.Version);
        return stored == game.Version
            ? appends
            : throw new InvalidDataException($"game {game.GameId}: its records end at version {stored}, not at its head {game.Version}");
    }

    /// <summary>The final header at the final version; at earlier versions the same header with that version (the final append sets the rest).</summary>
    private static GameHeader Header(ArchivedGame game, long version) =>
        version == game.Version ? game.Header : game.Header with { Version = version, FinishedAt = null };
}
