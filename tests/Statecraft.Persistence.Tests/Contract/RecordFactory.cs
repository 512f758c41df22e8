using System.Text;
using Statecraft.Persistence.Records;

namespace Statecraft.Persistence.Tests.Contract;

/// <summary>Builds well-formed records with real checksums and recognisable bytes.</summary>
internal static class RecordFactory
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static EventRecord Event(string gameId, long version, Guid? commandId = null) =>
        new(version, commandId ?? CommandFor(version), T0.AddSeconds(version), Payload(gameId, RecordChecksum.Kind.Event, version, "test.event", $"{{\"v\":{version}}}"),
            FingerprintFor(version));

    /// <summary>Fingerprints that use all 64 bits (the top one included), so a store that narrows or signs them is caught.</summary>
    public static ulong FingerprintFor(long version) => 0xF00D_0000_0000_0000UL | (ulong)version;

    public static SnapshotRecord Snapshot(string gameId, long version, int size = 0) =>
        new(version, T0.AddSeconds(version), Payload(gameId, RecordChecksum.Kind.Snapshot, version, "test.snapshot",
            size == 0 ? $"{{\"at\":{version}}}" : $"{{\"at\":{version},\"pad\":\"{new string('x', size)}\"}}"));

    public static EncodedPayload Payload(string gameId, RecordChecksum.Kind kind, long version, string type, string json)
    {
        var data = Encoding.UTF8.GetBytes(json);
        return new EncodedPayload(type, 1, PayloadEncoding.Json, data, RecordChecksum.Compute(gameId, kind, version, type, 1, PayloadEncoding.Json, data));
    }

    public static GameHeader Header(string gameId, long version, DateTimeOffset? finishedAt = null, string phase = "Playing") =>
        new(gameId, "tictactoe", finishedAt is null ? phase : "Finished", version, T0.AddSeconds(version), finishedAt);

    /// <summary>Events <paramref name="from"/>..<paramref name="to"/> appended at expected version from - 1, optionally with a snapshot at <paramref name="to"/>.</summary>
    public static AppendRequest Append(string gameId, long from, long to, bool snapshot = false, DateTimeOffset? finishedAt = null)
    {
        var events = Enumerable.Range((int)from, (int)(to - from + 1)).Select(v => Event(gameId, v)).ToList();
        return new AppendRequest(Header(gameId, to, finishedAt), from - 1, events, snapshot ? Snapshot(gameId, to) : null, BatchId.From(events.Select(e => e.CommandId)));
    }

    public static Guid CommandFor(long version) => new((int)version, 0, 0, [1, 2, 3, 4, 5, 6, 7, 8]);
}
