using System.Buffers;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Statecraft.Engine.Events;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Telemetry;

namespace Statecraft.Persistence.Codec;

/// <summary>
/// Turns events and snapshots into <see cref="EncodedPayload"/>s and back: System.Text.Json under stable type names
/// with a schema version per type, Brotli above a size threshold, and a checksum bound to the game and version.
/// Decoding verifies the checksum first and upcasts older shapes; damaged or unknown records fail with typed errors.
/// </summary>
public sealed class GameCodec
{
    /// <summary>The stored name of snapshots.</summary>
    public const string SnapshotTypeName = "game.snapshot";

    /// <summary>The current schema version of snapshots (the envelope; ruleset states carry their own).</summary>
    public const int SnapshotSchemaVersion = 1;

    private const int BrotliQuality = 4;
    private const int BrotliWindow = 22;

    private readonly TypeCatalog _catalog;
    private readonly CodecSettings _settings;
    private readonly JsonSerializerOptions _json;

    /// <summary>Creates a codec over <paramref name="catalog"/>.</summary>
    public GameCodec(TypeCatalog catalog, CodecSettings settings)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _json = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter(), new RulesStateJsonConverter(catalog) },
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            RespectNullableAnnotations = true,
        };
        _json.MakeReadOnly(populateMissingResolver: true);
    }

    /// <summary>A codec for the engine's types with default settings.</summary>
    public static GameCodec Default { get; } = new(TypeCatalog.ForEngine(), new CodecSettings());

    /// <summary>The catalog of stored types.</summary>
    public TypeCatalog Catalog => _catalog;

    /// <summary>Encodes event number <paramref name="version"/> of <paramref name="gameId"/>.</summary>
    public EncodedPayload EncodeEvent(string gameId, long version, GameEvent gameEvent)
    {
        ArgumentNullException.ThrowIfNull(gameEvent);
        var stored = _catalog.Of(gameEvent.GetType());
        var json = JsonSerializer.SerializeToUtf8Bytes(gameEvent, stored.ClrType, _json);
        return Seal(gameId, RecordChecksum.Kind.Event, version, stored.Name, stored.SchemaVersion, json);
    }

    /// <summary>Decodes an event, verifying its checksum and upcasting older shapes.</summary>
    public GameEvent DecodeEvent(string gameId, long version, EncodedPayload payload)
    {
        var json = Open(gameId, RecordChecksum.Kind.Event, version, payload);
        var stored = _catalog.Resolve(payload.Type, payload.SchemaVersion);
        if (!typeof(GameEvent).IsAssignableFrom(stored.ClrType))
        {
            throw new UnknownRecordTypeException(payload.Type, payload.SchemaVersion, "it is not an event type");
        }

        return (GameEvent)Deserialize(gameId, RecordChecksum.Kind.Event, version, payload, json, stored.ClrType);
    }

    /// <summary>Encodes the snapshot taken at <paramref name="version"/>.</summary>
    public EncodedPayload EncodeSnapshot(string gameId, long version, GameSnapshot snapshot)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(snapshot, _json);
        return Seal(gameId, RecordChecksum.Kind.Snapshot, version, SnapshotTypeName, SnapshotSchemaVersion, json);
    }

    /// <summary>Decodes a snapshot, verifying its checksum.</summary>
    public GameSnapshot DecodeSnapshot(string gameId, long version, EncodedPayload payload)
    {
        var json = Open(gameId, RecordChecksum.Kind.Snapshot, version, payload);
        if (payload.Type != SnapshotTypeName || payload.SchemaVersion is < 1 or > SnapshotSchemaVersion)
        {
            throw new UnknownRecordTypeException(payload.Type, payload.SchemaVersion, $"snapshots are '{SnapshotTypeName}' v1 to v{SnapshotSchemaVersion}");
        }

        return (GameSnapshot)Deserialize(gameId, RecordChecksum.Kind.Snapshot, version, payload, json, typeof(GameSnapshot));
    }

    private EncodedPayload Seal(string gameId, RecordChecksum.Kind kind, long version, string type, int schemaVersion, byte[] json)
    {
        var kindTag = new TagList { { "kind", kind == RecordChecksum.Kind.Event ? "event" : "snapshot" } };
        PersistenceMetrics.Bytes.Add(json.Length, [.. kindTag, new("stage", "serialized")]);
        var (encoding, data) = _settings.Compress && json.Length >= _settings.ThresholdBytes && TryCompress(json, out var compressed)
            ? (PayloadEncoding.BrotliJson, compressed)
            : (PayloadEncoding.Json, json);
        if (encoding == PayloadEncoding.BrotliJson)
        {
            PersistenceMetrics.CompressionRatio.Record((double)data.Length / json.Length, kindTag);
        }

        PersistenceMetrics.Bytes.Add(data.Length, [.. kindTag, new("stage", "stored")]);
        return new EncodedPayload(type, schemaVersion, encoding, data, RecordChecksum.Compute(gameId, kind, version, type, schemaVersion, encoding, data));
    }

    private static byte[] Open(string gameId, RecordChecksum.Kind kind, long version, EncodedPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (!RecordChecksum.IsIntact(gameId, kind, version, payload))
        {
            PersistenceMetrics.CorruptRecords.Add(1);
            throw new CorruptRecordException(gameId, kind, version, "checksum mismatch");
        }

        return payload.Encoding switch
        {
            PayloadEncoding.Json => payload.Data,
            PayloadEncoding.BrotliJson => Decompress(gameId, kind, version, payload.Data),
            _ => throw new CorruptRecordException(gameId, kind, version, $"unknown payload encoding {payload.Encoding}"),
        };
    }

    private object Deserialize(string gameId, RecordChecksum.Kind kind, long version, EncodedPayload payload, byte[] json, Type type)
    {
        try
        {
            if (kind == RecordChecksum.Kind.Event && _catalog.NeedsUpcast(payload.Type, payload.SchemaVersion))
            {
                var node = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException("The payload is empty.");
                return _catalog.Upcast(payload.Type, payload.SchemaVersion, node).Deserialize(type, _json)!;
            }

            return JsonSerializer.Deserialize(json, type, _json) ?? throw new JsonException("The payload is null.");
        }
        catch (JsonException exception)
        {
            PersistenceMetrics.CorruptRecords.Add(1);
            throw new CorruptRecordException(gameId, kind, version, $"'{payload.Type}' v{payload.SchemaVersion} does not deserialize: {exception.Message}", exception);
        }
    }

    private static bool TryCompress(byte[] json, out byte[] compressed)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(json.Length));
        try
        {
            if (BrotliEncoder.TryCompress(json, buffer, out var written, BrotliQuality, BrotliWindow) && written < json.Length)
            {
                compressed = buffer.AsSpan(0, written).ToArray();
                return true;
            }

            compressed = [];
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Decompress(string gameId, RecordChecksum.Kind kind, long version, byte[] data)
    {
        try
        {
            using var input = new MemoryStream(data, writable: false);
            using var brotli = new BrotliStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream(data.Length * 4);
            brotli.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException exception)
        {
            throw new CorruptRecordException(gameId, kind, version, "the compressed payload does not decompress", exception);
        }
    }
}
