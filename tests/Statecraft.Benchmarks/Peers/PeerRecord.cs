using System.Text;
using Statecraft.Persistence.Records;

namespace Statecraft.Benchmarks.Peers;

/// <summary>
/// One of the codec's payloads as the peers store it: JSON text with its type, schema and checksum, so a peer reloads
/// exactly what it wrote, checked the way our store's records are.
/// </summary>
[GenerateSerializer]
public sealed class PeerRecord
{
    [Id(0)] public string Type { get; set; } = "";

    [Id(1)] public int SchemaVersion { get; set; }

    [Id(2)] public string Json { get; set; } = "";

    [Id(3)] public ulong Checksum { get; set; }

    public static PeerRecord From(EncodedPayload payload) => payload.Encoding == PayloadEncoding.Json
        ? new() { Type = payload.Type, SchemaVersion = payload.SchemaVersion, Json = Encoding.UTF8.GetString(payload.Data), Checksum = payload.Checksum }
        : throw new ArgumentException($"The peers store JSON; the payload is {payload.Encoding}.", nameof(payload));

    public EncodedPayload ToPayload() => new(Type, SchemaVersion, PayloadEncoding.Json, Encoding.UTF8.GetBytes(Json), Checksum);
}
