using Statecraft.Engine.Core;
using Statecraft.Persistence.Codec;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Resilience;
using Statecraft.Persistence.Stores;

namespace Statecraft.Benchmarks.Recovery;

/// <summary>
/// One recorded 4-player Oh Hell game as production stores it: self-played on a long schedule (rounds of 10 cards), then
/// committed command by command through <see cref="GameSession"/> with the default <see cref="PersistenceOptions"/> —
/// the game grain's own path — while every append the session made is kept. Seeded games are cuts of these, re-bound to
/// their own ids, so what the policy decided (which versions got snapshots, what each snapshot holds) is the real code's.
/// </summary>
internal sealed class TemplateGame
{
    private readonly Dictionary<long, AppendRequest> _byVersion;

    private TemplateGame(string gameId, ulong seed, int rounds, IReadOnlyList<AppendRequest> appends)
    {
        GameId = gameId;
        Seed = seed;
        Rounds = rounds;
        Appends = appends;
        Events = [.. appends.SelectMany(a => a.Events)];
        _byVersion = appends.ToDictionary(a => a.NewVersion);
        Snapshots = appends.Where(a => a.Snapshot is not null)
            .ToDictionary(a => a.NewVersion, a => GameCodec.Default.DecodeSnapshot(gameId, a.NewVersion, a.Snapshot!.Payload));
    }

    /// <summary>The id the template was recorded under (its checksums and snapshots are bound to it).</summary>
    public string GameId { get; }

    /// <summary>The self-play seed: the same seed plays the same game under any id.</summary>
    public ulong Seed { get; }

    /// <summary>Rounds in the game's schedule.</summary>
    public int Rounds { get; }

    /// <summary>The session's appends in order, one per command.</summary>
    public IReadOnlyList<AppendRequest> Appends { get; }

    /// <summary>Every event as stored, at index version − 1.</summary>
    public IReadOnlyList<EventRecord> Events { get; }

    /// <summary>The snapshots the policy wrote, decoded, by version.</summary>
    public IReadOnlyDictionary<long, GameSnapshot> Snapshots { get; }

    /// <summary>The version of the first command that brings the game to at least <paramref name="events"/> events: where a cut ends.</summary>
    public long CutAt(long events) => Appends.First(a => a.NewVersion >= events).NewVersion;

    /// <summary>The append of the command that ended at <paramref name="version"/>.</summary>
    public AppendRequest AppendEndingAt(long version) => _byVersion[version];

    /// <summary>Plays and commits the game of <paramref name="seed"/> until it holds at least <paramref name="events"/> events.</summary>
    public static async Task<TemplateGame> RecordAsync(ulong seed, int rounds, int events)
    {
        var gameId = $"template-{seed}";
        var recorder = new AppendRecorder(new InMemoryGameStore());
        await CommitAsync(recorder, gameId, seed, rounds, events);
        return new TemplateGame(gameId, seed, rounds, recorder.Appends);
    }

    /// <summary>
    /// Plays the game of <paramref name="seed"/> under <paramref name="gameId"/> and commits it into
    /// <paramref name="store"/> command by command, as a game grain would, until it holds at least
    /// <paramref name="events"/> events; no final snapshot (the silo crashed).
    /// </summary>
    public static async Task CommitAsync(IGameStore store, string gameId, ulong seed, int rounds, long events)
    {
        var played = LongOhHellGames.Play(gameId, seed, rounds);
        var options = new PersistenceOptions();
        // The store of a recording never fails, so one write attempt is all the resilience this needs.
        using var resilience = new StoreResilience(store.Name, new ResilienceOptions(), writeAttempts: 1);
        var session = new GameSession(gameId, Testing.Repositories.For(store, options), resilience, options.RecentCommandWindow);
        var switches = new JournalSwitches(Persist: true, Snapshots: true);
        foreach (var step in played.Steps.TakeWhile(_ => session.State.Version < events))
        {
            var next = GameDecider.Default.Fold(session.State, step.Events);
            var change = new PendingChange(step.Command.CommandId, CommandFingerprint.Of(step.Command), step.Events.AsImmutableArray(), next);
            var commit = await session.CommitAsync(change, switches);
            if (commit.Status != SessionCommitStatus.Durable)
            {
                throw new InvalidOperationException($"{gameId}: commit at v{session.State.Version} was {commit.Status}: {commit.Error?.Message}");
            }
        }

        if (session.State.Version < events)
        {
            throw new InvalidOperationException($"{gameId} ended at {session.State.Version} events, short of {events}; it needs more rounds than {rounds}.");
        }
    }

    /// <summary>Keeps every append that reaches the store.</summary>
    private sealed class AppendRecorder(IGameStore inner) : Testing.DelegatingGameStore(inner)
    {
        public List<AppendRequest> Appends { get; } = [];

        public override ValueTask<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default)
        {
            Appends.Add(request);
            return base.AppendAsync(request, cancellationToken);
        }
    }
}
