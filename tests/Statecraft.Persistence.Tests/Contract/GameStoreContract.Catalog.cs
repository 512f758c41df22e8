using Statecraft.Persistence.Records;
using static Statecraft.Persistence.Tests.Contract.RecordFactory;

namespace Statecraft.Persistence.Tests.Contract;

/// <summary>The contract of <see cref="Statecraft.Persistence.Stores.IGameCatalog"/>: listing the games a store holds.</summary>
public abstract partial class GameStoreContract
{
    [Fact]
    public async Task Games_are_listed_in_pages_each_exactly_once_with_their_metadata()
    {
        var ids = Enumerable.Range(0, 23).Select(i => $"game-{i:D3}").ToList();
        foreach (var id in ids)
        {
            await Store.AppendAsync(Append(id, 1, 2, finishedAt: id == "game-007" ? T0 : null), Ct);
        }

        var listed = new List<GameHeader>();
        string? token = null;
        do
        {
            var page = await Store.ListGamesAsync(token, 5, Ct);
            Assert.InRange(page.Games.Count, 0, 5);
            listed.AddRange(page.Games);
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(h => h.GameId).Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, listed.Select(h => h.GameId).Distinct().Count());
        var finished = Assert.Single(listed, h => h.IsFinished);
        Assert.Equal("game-007", finished.GameId);
        Assert.Equal(Header("game-007", 2, T0), finished);
        Assert.All(listed, h => Assert.Equal(2, h.Version));
    }
}
