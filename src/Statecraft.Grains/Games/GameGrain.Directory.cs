using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Lobby;
using Statecraft.Engine.Core;

namespace Statecraft.Grains.Games;

/// <summary>The game's entry in the lobby (<see cref="IGameDirectoryGrain"/>).</summary>
public sealed partial class GameGrain
{
    /// <summary>
    /// Tells the game's directory shard when what a lobby shows changed: the phase (created, started, ended) or the
    /// seats. One-way: a slow or unreachable directory never holds up a command, and a lost announcement is made good
    /// by the game's next one (listings carry the version, so a late one never overwrites a newer).
    /// </summary>
    private void AnnounceIfListingChanged(GameState before)
    {
        var after = Game;
        if (after.Phase == GamePhase.NotCreated || (before.Phase == after.Phase && before.Players.Equals(after.Players)))
        {
            return;
        }

        GrainFactory.GetGrain<IGameDirectoryGrain>(GameDirectory.ShardOf(GameId)).Announce(new GameListing
        {
            GameId = GameId,
            RulesetId = after.RulesetId,
            Phase = after.Phase,
            Players = [.. after.Players],
            Version = after.Version,
            UpdatedAt = after.UpdatedAt ?? _time.GetUtcNow(),
        }).Ignore();
    }
}
