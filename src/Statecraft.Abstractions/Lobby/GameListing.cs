using System.Collections.Immutable;
using Statecraft.Abstractions.Games;

namespace Statecraft.Abstractions.Lobby;

/// <summary>
/// One game as a lobby shows it: enough to list, filter and join, nothing a player may not see (no hands, no moves).
/// </summary>
[GenerateSerializer, Immutable, Alias("statecraft.GameListing")]
public sealed record GameListing
{
    /// <summary>The game id.</summary>
    [Id(0)] public required string GameId { get; init; }

    /// <summary>The ruleset id.</summary>
    [Id(1)] public required string RulesetId { get; init; }

    /// <summary>The phase the game is in.</summary>
    [Id(2)] public required GamePhase Phase { get; init; }

    /// <summary>Seated players in seat order.</summary>
    [Id(3)] public ImmutableArray<string> Players { get; init; } = [];

    /// <summary>The game's version when this listing was made; a later listing of the same game replaces an earlier one.</summary>
    [Id(4)] public long Version { get; init; }

    /// <summary>When the game last changed.</summary>
    [Id(5)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Open to join: still in the lobby.</summary>
    public bool IsOpen => Phase == GamePhase.Lobby;
}
