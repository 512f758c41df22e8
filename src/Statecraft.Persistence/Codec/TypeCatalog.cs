using System.Reflection;
using System.Text.Json.Nodes;
using Statecraft.Engine.Core;
using Statecraft.Engine.Events;

namespace Statecraft.Persistence.Codec;

/// <summary>
/// Maps stored names to CLR types and back, and holds the upcasters that turn an older stored shape into the current
/// one. Built once at start from the engine's <see cref="StableNameAttribute"/>s; every concrete event and ruleset
/// state must have one, so a missing name fails at start rather than at the first write.
/// </summary>
public sealed class TypeCatalog
{
    private readonly Dictionary<string, StoredType> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, StoredType> _byType = [];
    private readonly Dictionary<(string Name, int FromVersion), Func<JsonObject, JsonObject>> _upcasters = [];

    /// <summary>The catalog of every event and ruleset state in the engine assembly.</summary>
    public static TypeCatalog ForEngine() => FromAssemblies(typeof(GameEvent).Assembly);

    /// <summary>Registers every concrete <see cref="GameEvent"/> and <see cref="RulesState"/> in <paramref name="assemblies"/>.</summary>
    public static TypeCatalog FromAssemblies(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var catalog = new TypeCatalog();
        var stored = assemblies
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => !type.IsAbstract && (typeof(GameEvent).IsAssignableFrom(type) || typeof(RulesState).IsAssignableFrom(type)));
        foreach (var type in stored)
        {
            var name = type.GetCustomAttribute<StableNameAttribute>()
                ?? throw new InvalidOperationException($"{type.FullName} is stored but has no [StableName]; give it one before it is ever written.");
            catalog.Register(type, name.Name, name.SchemaVersion);
        }

        return catalog;
    }

    /// <summary>Every registered type.</summary>
    public IReadOnlyCollection<StoredType> Types => _byName.Values;

    /// <summary>Registers a type under a stable name; names and types must be unique.</summary>
    public TypeCatalog Register(Type type, string name, int schemaVersion)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(schemaVersion, 1);
        var entry = new StoredType(name, schemaVersion, type);
        if (!_byName.TryAdd(name, entry))
        {
            throw new InvalidOperationException($"Stored name '{name}' is used by both {_byName[name].ClrType.FullName} and {type.FullName}.");
        }

        _byType.Add(type, entry);
        return this;
    }

    /// <summary>Registers how to turn the stored JSON of <paramref name="name"/> at <paramref name="fromVersion"/> into version <paramref name="fromVersion"/> + 1.</summary>
    public TypeCatalog AddUpcaster(string name, int fromVersion, Func<JsonObject, JsonObject> upcast)
    {
        ArgumentNullException.ThrowIfNull(upcast);
        if (!_byName.TryGetValue(name, out var entry) || fromVersion < 1 || fromVersion >= entry.SchemaVersion)
        {
            throw new InvalidOperationException($"An upcaster from {name} v{fromVersion} needs a registered type whose current version is higher.");
        }

        _upcasters.Add((name, fromVersion), upcast);
        return this;
    }

    /// <summary>The stored name and version of <paramref name="type"/>.</summary>
    public StoredType Of(Type type) =>
        _byType.TryGetValue(type, out var entry)
            ? entry
            : throw new InvalidOperationException($"{type.FullName} has no stored name; it cannot be written.");

    /// <summary>The type stored as <paramref name="name"/> at <paramref name="version"/>, or an <see cref="UnknownRecordTypeException"/>.</summary>
    public StoredType Resolve(string name, int version)
    {
        if (!_byName.TryGetValue(name, out var entry))
        {
            throw new UnknownRecordTypeException(name, version, "no type is registered under this name");
        }

        if (version > entry.SchemaVersion || version < 1)
        {
            throw new UnknownRecordTypeException(name, version, $"this build reads versions 1 to {entry.SchemaVersion}");
        }

        return entry;
    }

    /// <summary>Brings stored JSON written at <paramref name="version"/> up to the current shape.</summary>
    public JsonObject Upcast(string name, int version, JsonObject json)
    {
        var entry = Resolve(name, version);
        for (var from = version; from < entry.SchemaVersion; from++)
        {
            if (!_upcasters.TryGetValue((name, from), out var upcast))
            {
                throw new UnknownRecordTypeException(name, version, $"no upcaster from v{from} to v{from + 1} is registered");
            }

            json = upcast(json);
        }

        return json;
    }

    /// <summary>True when reading <paramref name="name"/> at <paramref name="version"/> needs upcasting.</summary>
    public bool NeedsUpcast(string name, int version) => Resolve(name, version).SchemaVersion != version;
}
