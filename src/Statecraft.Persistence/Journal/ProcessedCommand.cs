using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Statecraft.Persistence.Journal;

/// <summary>A command the game has applied and the stream version it produced; kept to answer retries idempotently.</summary>
[JsonConverter(typeof(ProcessedCommandJsonConverter))]
public sealed record ProcessedCommand(Guid CommandId, long Version);

/// <summary>
/// Stores a processed command as <c>"&lt;32 hex digits&gt;@&lt;version&gt;"</c>: snapshots carry up to a thousand of them,
/// and the compact form is about half the size of an object per command.
/// </summary>
internal sealed class ProcessedCommandJsonConverter : JsonConverter<ProcessedCommand>
{
    public override ProcessedCommand Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        var at = text?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        return at > 0
            && Guid.TryParseExact(text.AsSpan(0, at), "N", out var id)
            && long.TryParse(text.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                ? new ProcessedCommand(id, version)
                : throw new JsonException($"'{text}' is not a processed command (expected <32 hex digits>@<version>).");
    }

    public override void Write(Utf8JsonWriter writer, ProcessedCommand value, JsonSerializerOptions options) =>
        writer.WriteStringValue(string.Create(CultureInfo.InvariantCulture, $"{value.CommandId:N}@{value.Version}"));
}
