using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Statecraft.Grains.Flags;

/// <summary>
/// How the flag grain's state is written to grain storage, whatever the backend (SQLite, Redis, DynamoDB): plain
/// System.Text.Json, readable by an operator, with no type or reference metadata. Orleans' default storage serializer
/// (Newtonsoft with reference preservation) writes the flags' immutable dictionaries but cannot read them back, which
/// left a restarted silo unable to load its flags; state written that way is still read here by dropping the
/// metadata first, so a cluster upgraded over such a record recovers its flags.
/// </summary>
public sealed class FlagStateSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        WriteIndented = false,
    };

    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    /// <inheritdoc />
    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var node = JsonNode.Parse(input.ToMemory().Span);
        return (node is null ? default : StripLegacyMetadata(node).Deserialize<T>(Options))
            ?? throw new JsonException($"Stored {typeof(T).Name} is empty.");
    }

    /// <summary>
    /// Removes Newtonsoft's <c>$id</c>/<c>$type</c>/<c>$ref</c> properties and unwraps <c>{"$values": [...]}</c>
    /// arrays, in place. Plain JSON passes through unchanged.
    /// </summary>
    private static JsonNode StripLegacyMetadata(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj when obj.TryGetPropertyValue("$values", out var values) && values is not null:
                // Removing detaches the array, so it can take the wrapper's place in its parent.
                obj.Remove("$values");
                return StripLegacyMetadata(values);
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).Where(k => k is "$id" or "$type" or "$ref").ToList())
                {
                    obj.Remove(key);
                }

                foreach (var (key, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        var stripped = StripLegacyMetadata(child);
                        if (!ReferenceEquals(stripped, child))
                        {
                            obj[key] = stripped;
                        }
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        var stripped = StripLegacyMetadata(item);
                        if (!ReferenceEquals(stripped, item))
                        {
                            array[i] = stripped;
                        }
                    }
                }

                return array;
            default:
                return node;
        }
    }
}

/// <summary>Registers <see cref="FlagStateSerializer"/> for the flags' grain storage.</summary>
public static class FlagStateSerializerRegistration
{
    /// <summary>
    /// Keys <see cref="FlagStateSerializer"/> to <see cref="FeatureFlagGrain.StorageName"/>: our SQLite and DynamoDB
    /// providers use a serializer keyed to their name; Orleans' Redis provider is pointed at it by the silo's wiring.
    /// </summary>
    public static IServiceCollection AddFlagStateSerializer(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKeyedSingleton<IGrainStorageSerializer, FlagStateSerializer>(FeatureFlagGrain.StorageName);
        return services;
    }
}
