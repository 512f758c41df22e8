namespace Statecraft.Engine.Core;

/// <summary>
/// The name an event or ruleset state is stored under, and the version of its shape. Stored data refers to this name,
/// never to a CLR type or assembly, so types can be renamed or moved freely; changing a type's shape means raising
/// <see cref="SchemaVersion"/> and registering an upcaster for the old shape.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StableNameAttribute(string name) : Attribute
{
    /// <summary>The stored name, for example <c>oh-hell.round-dealt</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The current version of the type's stored shape.</summary>
    public int SchemaVersion { get; init; } = 1;
}
