namespace Statecraft.Persistence.Stores;

/// <summary>
/// What a store holds, as far as it can tell cheaply: its size in bytes and record counts by kind. A count or size the
/// backend could only learn by scanning every record is left out (null / absent) rather than estimated.
/// </summary>
/// <param name="Bytes">Bytes the store occupies (the meaning differs per backend and is documented with it), or null.</param>
/// <param name="Records">Record counts by kind: <see cref="StoreRecordKinds"/>.</param>
public sealed record StoreUsage(long? Bytes, IReadOnlyDictionary<string, long> Records);

/// <summary>The kinds of records a store may count: a bounded set, because each becomes a metric label value.</summary>
public static class StoreRecordKinds
{
    /// <summary>Games (stream headers).</summary>
    public const string Games = "games";

    /// <summary>Stored events.</summary>
    public const string Events = "events";

    /// <summary>Stored snapshots.</summary>
    public const string Snapshots = "snapshots";

    /// <summary>Items of every kind together, where the backend counts only those (DynamoDB).</summary>
    public const string Items = "items";
}
