using System.Text.Json;
using System.Text.Json.Serialization;

namespace Statecraft.Engine.Rulesets.OhHell;

/// <summary>Writes a card as its two-character notation (<c>"QH"</c>), the shape stored in journals and snapshots.</summary>
public sealed class CardJsonConverter : JsonConverter<Card>
{
    /// <inheritdoc />
    public override Card Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Card.TryParse(reader.GetString(), out var card) ? card : throw new JsonException($"'{reader.GetString()}' is not a card.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Card value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
