using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Statecraft.Persistence.Journal;

/// <summary>
/// A command the game has applied, the stream version it produced and its fingerprint (what it asked for; 0 when
/// not recorded); kept to answer retries idempotently and to refuse a command id reused for another command.
/// </summary>
[JsonConverter(typeof(ProcessedCommandJsonConverter))]
public sealed record ProcessedCommand(Guid CommandId, long Version, ulong Fingerprint = 0);

/// <summary>
/// Stores a processed command as <c>"&lt;32 hex digits&gt;@&lt;version&gt;"</c>, followed by <c>"#&lt;16 hex digits&gt;"</c>
/// when the fingerprint is known: snapshots carry up to a thousand of them, and the compact form is about half the
/// size of an object per command. Snapshots written before fingerprints were kept read back with fingerprint 0.
/// </summary>
internal sealed class ProcessedCommandJsonConverter : JsonConverter<ProcessedCommand>
{
    public override ProcessedCommand Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        var at = text?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        if (at <= 0)
        {
            throw Invalid(text);
        }

        var hash = text!.IndexOf('#', at);
        var versionText = hash < 0 ? text.AsSpan(at + 1) : text.AsSpan(at + 1, hash - at - 1);
        ulong fingerprint = 0;
        return Guid.TryParseExact(text.AsSpan(0, at), "N", out var id)
            && long.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            && (hash < 0 || ulong.TryParse(text.AsSpan(hash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out fingerprint))
                ? new ProcessedCommand(id, version, fingerprint)
                : throw Invalid(text);
    }

    public override void Write(Utf8JsonWriter writer, ProcessedCommand value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Fingerprint == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value.CommandId:N}@{value.Version}")
            : string.Create(CultureInfo.InvariantCulture, $"{value.CommandId:N}@{value.Version}#{value.Fingerprint:x16}"));

    private static JsonException Invalid(string? text) =>
        new($"'{text}' is not a processed command (expected <32 hex digits>@<version>[#<16 hex digits>]).");
}
