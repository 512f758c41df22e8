using Statecraft.Abstractions.Games;

namespace Statecraft.Abstractions.Grains;

/// <summary>
/// The answer to a command: accepted (with the game's version after it and where its effects live) or rejected (with a
/// stable code and message; nothing changed). A retried command returns its original outcome with
/// <see cref="IsReplay"/> set.
/// </summary>
[GenerateSerializer, Immutable, Alias("statecraft.CommandResult")]
public sealed record CommandResult
{
    /// <summary>True when the command was applied.</summary>
    [Id(0)] public bool Accepted { get; init; }

    /// <summary>The game's version after the command (accepted) or now (rejected).</summary>
    [Id(1)] public long Version { get; init; }

    /// <summary>
    /// Accepted: where the effects live. Refused: <see cref="Durability.MemoryOnly"/> when the refusal was judged on
    /// state the store could not confirm (the store was out and the game runs in memory only), so it may not stand once
    /// the store is back; otherwise <see cref="Durability.Durable"/>.
    /// </summary>
    [Id(2)] public Durability Durability { get; init; }

    /// <summary>Why the command was refused; null when accepted.</summary>
    [Id(3)] public Rejection? Rejection { get; init; }

    /// <summary>True when this command id had already been applied and the original outcome is returned.</summary>
    [Id(4)] public bool IsReplay { get; init; }

    /// <summary>An accepted result.</summary>
    public static CommandResult Applied(long version, Durability durability, bool isReplay = false) =>
        new() { Accepted = true, Version = version, Durability = durability, IsReplay = isReplay };

    /// <summary>A rejected result.</summary>
    public static CommandResult Refused(Rejection rejection, long version) => new() { Accepted = false, Rejection = rejection, Version = version };

    /// <inheritdoc />
    public override string ToString() => Accepted ? $"accepted v{Version} {Durability}{(IsReplay ? " (replay)" : "")}" : $"rejected {Rejection}";
}
