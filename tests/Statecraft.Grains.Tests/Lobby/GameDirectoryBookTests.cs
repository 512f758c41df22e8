using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Lobby;
using Statecraft.Grains.Lobby;

namespace Statecraft.Grains.Tests.Lobby;

public sealed class GameDirectoryBookTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static GameListing Listing(string id, long version, GamePhase phase, DateTimeOffset at) =>
        new() { GameId = id, RulesetId = "tictactoe", Phase = phase, Version = version, UpdatedAt = at };

    [Fact]
    public void A_late_announcement_never_replaces_a_newer_one()
    {
        var book = new GameDirectoryBook([]);
        Assert.True(book.Record(Listing("g", 5, GamePhase.Playing, Now)));
        Assert.False(book.Record(Listing("g", 3, GamePhase.Lobby, Now.AddSeconds(1))));
        Assert.False(book.Record(Listing("g", 5, GamePhase.Lobby, Now.AddSeconds(1))));
        Assert.Equal(GamePhase.Playing, Assert.Single(book.List()).Phase);
        Assert.True(book.Record(Listing("g", 9, GamePhase.Finished, Now.AddSeconds(2))));
        Assert.Equal(GamePhase.Finished, Assert.Single(book.List()).Phase);
    }

    [Fact]
    public void Ended_games_leave_after_the_retention_and_live_ones_stay()
    {
        var book = new GameDirectoryBook(
        [
            Listing("old-end", 9, GamePhase.Finished, Now - GameDirectoryBook.EndedRetention - TimeSpan.FromSeconds(1)),
            Listing("new-end", 9, GamePhase.Abandoned, Now - TimeSpan.FromMinutes(1)),
            Listing("old-open", 1, GamePhase.Lobby, Now - TimeSpan.FromDays(1)),
        ]);

        Assert.True(book.Prune(Now));
        Assert.Equal(["new-end", "old-open"], book.List().Select(l => l.GameId));
        Assert.False(book.Prune(Now));
    }

    [Fact]
    public void A_flood_is_trimmed_to_the_bound_dropping_ended_then_oldest_games_first()
    {
        var book = new GameDirectoryBook([]);
        for (var i = 0; i < GameDirectoryBook.MaxListings; i++)
        {
            book.Record(Listing($"live-{i}", 1, GamePhase.Lobby, Now.AddSeconds(-i)));
        }

        book.Record(Listing("ended", 9, GamePhase.Finished, Now));
        book.Record(Listing("newest", 1, GamePhase.Lobby, Now.AddSeconds(1)));
        Assert.True(book.Prune(Now));

        var ids = book.List().Select(l => l.GameId).ToHashSet();
        Assert.Equal(GameDirectoryBook.MaxListings, ids.Count);
        Assert.DoesNotContain("ended", ids);
        Assert.DoesNotContain($"live-{GameDirectoryBook.MaxListings - 1}", ids);
        Assert.Contains("newest", ids);
        Assert.Equal("newest", book.List()[0].GameId);
    }

    [Fact]
    public void Shards_are_stable_and_spread()
    {
        Assert.Equal(GameDirectory.ShardOf("table-1"), GameDirectory.ShardOf("table-1"));
        var shards = Enumerable.Range(0, 1000).Select(i => GameDirectory.ShardOf($"game-{i}")).ToList();
        Assert.All(shards, s => Assert.InRange(s, 0, GameDirectory.ShardCount - 1));
        Assert.Equal(GameDirectory.ShardCount, shards.Distinct().Count());
        Assert.All(shards.GroupBy(s => s), g => Assert.InRange(g.Count(), 60, 200));
    }
}
