using System.Text.Json;
using System.Text.Json.Serialization;

namespace Statecraft.Abstractions.Games;

/// <summary>Writes a phase as its name, for example <c>"Bidding"</c>.</summary>
public sealed class GamePhaseJsonConverter : JsonConverter<GamePhase>
{
    /// <inheritdoc />
    public override GamePhase Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { Length: > 0 } name ? new GamePhase(name) : throw new JsonException("A game phase must be a non-empty string.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, GamePhase value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Name);
    }
}
