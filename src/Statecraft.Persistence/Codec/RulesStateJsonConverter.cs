using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Statecraft.Engine.Core;

namespace Statecraft.Persistence.Codec;

/// <summary>
/// Writes a ruleset's state inside a snapshot as <c>{"type": name, "v": version, "data": {...}}</c> so each ruleset's
/// shape carries its own stable name and version and can be upcast independently of the envelope.
/// </summary>
internal sealed class RulesStateJsonConverter(TypeCatalog catalog) : JsonConverter<RulesState>
{
    public override RulesState? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var wrapper = JsonNode.Parse(ref reader)?.AsObject() ?? throw new JsonException("Ruleset state is missing.");
        var name = wrapper["type"]?.GetValue<string>() ?? throw new JsonException("Ruleset state has no type.");
        var version = wrapper["v"]?.GetValue<int>() ?? throw new JsonException($"Ruleset state '{name}' has no version.");
        var data = wrapper["data"]?.AsObject() ?? throw new JsonException($"Ruleset state '{name}' has no data.");
        var stored = catalog.Resolve(name, version);
        if (catalog.NeedsUpcast(name, version))
        {
            data = catalog.Upcast(name, version, (JsonObject)data.DeepClone());
        }

        return (RulesState?)data.Deserialize(stored.ClrType, options);
    }

    public override void Write(Utf8JsonWriter writer, RulesState value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var stored = catalog.Of(value.GetType());
        writer.WriteStartObject();
        writer.WriteString("type", stored.Name);
        writer.WriteNumber("v", stored.SchemaVersion);
        writer.WritePropertyName("data");
        JsonSerializer.Serialize(writer, value, value.GetType(), options);
        writer.WriteEndObject();
    }
}
