using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Statecraft.Abstractions.Lobby;

/// <summary>
/// The cluster's lobby: games announce themselves as they are created, change phase or seat a player, and a frontend
/// lists open and running games (and the ones that just ended) without touching every game. Sharded by game id
/// (<see cref="GameDirectory"/>) so no single grain takes every announcement.
/// </summary>
[Alias("statecraft.IGameDirectoryGrain")]
public interface IGameDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Records <paramref name="listing"/> unless a listing of a later version of that game is already held.</summary>
    [Alias("Announce"), OneWay]
    Task Announce(GameListing listing);

    /// <summary>The listings this shard holds, most recently changed first.</summary>
    [Alias("List")]
    Task<ImmutableArray<GameListing>> List();
}
