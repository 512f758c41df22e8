namespace Statecraft.Abstractions.Flags;

/// <summary>The flags Statecraft itself reads. Any other name may be defined and read by frontends.</summary>
public static class FlagNames
{
    /// <summary>Write game changes to storage. Off: games keep playing in memory and results say MemoryOnly.</summary>
    public const string UseStatePersistence = "UseStatePersistence";

    /// <summary>Write snapshots. Off: events only.</summary>
    public const string EnableStateSnapshots = "EnableStateSnapshots";

    /// <summary>Rebuild games from storage on activation. Off: games start empty and never overwrite stored history.</summary>
    public const string EnableStateRecovery = "EnableStateRecovery";

    /// <summary>The three built-in flags.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = [UseStatePersistence, EnableStateSnapshots, EnableStateRecovery];
}
