using System.Diagnostics;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;

namespace Statecraft.Benchmarks.Recovery;

/// <summary>What <see cref="SeedCheck"/> found.</summary>
/// <param name="Faithful">The seeded game is stored exactly as the real commit path stores it under its id.</param>
/// <param name="Detail">What was compared, or the first difference.</param>
/// <param name="Reference">How long playing and committing the game afresh under its id took: the cost of seeding that way instead.</param>
internal sealed record SeedCheckResult(bool Faithful, string Detail, TimeSpan Reference);

/// <summary>
/// Proves a seeded game is stored as production would store it: the same game is self-played afresh under the seeded
/// id and committed command by command through the game grain's own path into an in-memory store, and the two stores
/// must hold the same header, the same events byte for byte (payloads, checksums, command ids and fingerprints, times),
/// the same snapshot versions and the same snapshot payloads. Only the snapshots' write times differ.
/// </summary>
internal static class SeedCheck
{
    public static async Task<SeedCheckResult> RunAsync(IGameStore seeded, SeedPlan plan)
    {
        ArgumentNullException.ThrowIfNull(seeded);
        ArgumentNullException.ThrowIfNull(plan);
        var reference = new InMemoryGameStore();
        var started = Stopwatch.GetTimestamp();
        await TemplateGame.CommitAsync(reference, plan.GameId, plan.Template.Seed, plan.Template.Rounds, plan.Version);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var difference = await FirstDifferenceAsync(seeded, reference, plan.GameId);
        return difference is null
            ? new SeedCheckResult(true, $"{plan.GameId} (v{plan.Version}, snapshots at {string.Join(", ", await reference.ListSnapshotVersionsAsync(plan.GameId))}) is stored exactly as the real commit path stores it", elapsed)
            : new SeedCheckResult(false, $"{plan.GameId}: {difference}", elapsed);
    }

    private static async Task<string?> FirstDifferenceAsync(IGameStore seeded, InMemoryGameStore reference, string gameId)
    {
        var expected = await reference.LoadAsync(gameId) ?? throw new InvalidOperationException("The reference holds nothing.");
        var actual = await seeded.LoadAsync(gameId);
        if (actual is null)
        {
            return "not in the seeded store";
        }

        if (actual.Header != expected.Header)
        {
            return $"header {actual.Header} differs from {expected.Header}";
        }

        var expectedEvents = (await reference.ReadEventsAsync(gameId, 1, expected.Version, (int)expected.Version + 1)).Events;
        var actualEvents = (await seeded.ReadEventsAsync(gameId, 1, expected.Version, (int)expected.Version + 1)).Events;
        if (actualEvents.Count != expectedEvents.Count)
        {
            return $"{actualEvents.Count} events stored, the real path stores {expectedEvents.Count}";
        }

        foreach (var (a, e) in actualEvents.Zip(expectedEvents))
        {
            if (a.Version != e.Version || a.CommandId != e.CommandId || a.At != e.At || a.CommandFingerprint != e.CommandFingerprint || !SamePayload(a.Payload, e.Payload))
            {
                return $"event {e.Version} differs";
            }
        }

        var versions = await reference.ListSnapshotVersionsAsync(gameId);
        var seededVersions = await seeded.ListSnapshotVersionsAsync(gameId);
        if (!seededVersions.SequenceEqual(versions))
        {
            return $"snapshots at {string.Join(", ", seededVersions)}, the real path keeps {string.Join(", ", versions)}";
        }

        foreach (var version in versions)
        {
            var a = (await seeded.LoadAsync(gameId, version + 1))?.Snapshot;
            var e = (await reference.LoadAsync(gameId, version + 1))?.Snapshot;
            if (a is null || e is null || a.Version != e.Version || !SamePayload(a.Payload, e.Payload))
            {
                return $"the snapshot at {version} differs";
            }
        }

        return null;
    }

    private static bool SamePayload(EncodedPayload a, EncodedPayload b) =>
        a.Type == b.Type && a.SchemaVersion == b.SchemaVersion && a.Encoding == b.Encoding && a.Checksum == b.Checksum && a.Data.AsSpan().SequenceEqual(b.Data);
}
