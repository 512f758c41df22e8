namespace Statecraft.Persistence.Codec;

/// <summary>A type the codec can store: its stable name, current schema version and CLR type.</summary>
public sealed record StoredType(string Name, int SchemaVersion, Type ClrType);
