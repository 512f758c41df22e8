using System.Collections.Immutable;
using Statecraft.Abstractions.Lobby;

namespace Statecraft.Grains.Lobby;

/// <summary>What a directory shard stores: its listings.</summary>
[GenerateSerializer, Alias("statecraft.GameDirectoryState")]
public sealed class GameDirectoryState
{
    /// <summary>The listings, in no particular order.</summary>
    [Id(0)] public ImmutableArray<GameListing> Listings { get; set; } = [];
}
