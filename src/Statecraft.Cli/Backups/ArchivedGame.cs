using System.Text.Json.Serialization;
using Statecraft.Persistence.Records;

namespace Statecraft.Cli.Backups;

/// <summary>
/// One game's stream as a store holds it, read at one version: the header, every retained event and every snapshot up
/// to that version, each record in its stored, checksummed form (payload bytes, checksums, command ids and times as
/// written), so writing it back is bit-exact.
/// </summary>
internal sealed record ArchivedGame(GameHeader Header, IReadOnlyList<EventRecord> Events, IReadOnlyList<SnapshotRecord> Snapshots)
{
    [JsonIgnore]
    public string GameId => Header.GameId;

    [JsonIgnore]
    public long Version => Header.Version;

    /// <summary>Every record's checksum recomputed from its bytes; the first mismatch, or null when all match.</summary>
    public string? FindDamage()
    {
        foreach (var e in Events)
        {
            if (!Matches(RecordChecksum.Kind.Event, e.Version, e.Payload))
            {
                return $"game {GameId}: event {e.Version} does not match its checksum";
            }
        }

        foreach (var s in Snapshots)
        {
            if (!Matches(RecordChecksum.Kind.Snapshot, s.Version, s.Payload))
            {
                return $"game {GameId}: snapshot {s.Version} does not match its checksum";
            }
        }

        try
        {
            _ = GameArchiver.Appends(this);
            return null;
        }
        catch (InvalidDataException damaged)
        {
            return damaged.Message;
        }
    }

    private bool Matches(RecordChecksum.Kind kind, long version, EncodedPayload payload) =>
        RecordChecksum.Compute(GameId, kind, version, payload.Type, payload.SchemaVersion, payload.Encoding, payload.Data) == payload.Checksum;
}
