using System.Collections.Immutable;
using Statecraft.Abstractions.Lobby;

namespace Statecraft.Grains.Lobby;

/// <summary>
/// The listings one directory shard holds, without Orleans: the newest listing of each game, ended games kept for a
/// while so a lobby can show results, and a bound on the total so a flood of games cannot grow a shard without limit.
/// </summary>
public sealed class GameDirectoryBook
{
    /// <summary>How long an ended game stays listed.</summary>
    public static readonly TimeSpan EndedRetention = TimeSpan.FromMinutes(10);

    /// <summary>The most listings one shard keeps; beyond it the least recently changed go first, ended ones before live ones.</summary>
    public const int MaxListings = 5_000;

    private readonly Dictionary<string, GameListing> _listings = new(StringComparer.Ordinal);

    /// <summary>Starts from <paramref name="listings"/> (what the shard had stored).</summary>
    public GameDirectoryBook(IEnumerable<GameListing> listings)
    {
        ArgumentNullException.ThrowIfNull(listings);
        foreach (var listing in listings)
        {
            Record(listing);
        }
    }

    /// <summary>How many listings are held.</summary>
    public int Count => _listings.Count;

    /// <summary>Records <paramref name="listing"/>; false (and nothing changes) when a listing of the same or a later version is held.</summary>
    public bool Record(GameListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if (_listings.TryGetValue(listing.GameId, out var known) && known.Version >= listing.Version)
        {
            return false;
        }

        _listings[listing.GameId] = listing;
        return true;
    }

    /// <summary>Drops ended games older than <see cref="EndedRetention"/> and trims to <see cref="MaxListings"/>; true when anything went.</summary>
    public bool Prune(DateTimeOffset now)
    {
        var removed = false;
        foreach (var stale in _listings.Values.Where(l => l.Phase.IsTerminal && now - l.UpdatedAt > EndedRetention).ToList())
        {
            removed |= _listings.Remove(stale.GameId);
        }

        var excess = _listings.Count - MaxListings;
        if (excess > 0)
        {
            foreach (var oldest in _listings.Values.OrderBy(l => l.Phase.IsTerminal ? 0 : 1).ThenBy(l => l.UpdatedAt).Take(excess).ToList())
            {
                removed |= _listings.Remove(oldest.GameId);
            }
        }

        return removed;
    }

    /// <summary>Every listing, most recently changed first.</summary>
    public ImmutableArray<GameListing> List() => [.. _listings.Values.OrderByDescending(l => l.UpdatedAt).ThenBy(l => l.GameId, StringComparer.Ordinal)];
}
