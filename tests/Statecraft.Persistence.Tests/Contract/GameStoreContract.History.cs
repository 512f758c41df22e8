using static Statecraft.Persistence.Tests.Contract.RecordFactory;

namespace Statecraft.Persistence.Tests.Contract;

/// <summary>The contract of <see cref="Statecraft.Persistence.Stores.IGameHistoryReader"/>: reading stored history piece by piece.</summary>
public abstract partial class GameStoreContract
{
    [Fact]
    public async Task Events_are_read_in_pages_within_the_requested_range()
    {
        await Store.AppendAsync(Append("g1", 1, 25), Ct);
        var seen = new List<long>();
        long? from = 3;
        var pages = 0;
        while (from is { } start)
        {
            var page = await Store.ReadEventsAsync("g1", start, 22, 8, Ct);
            Assert.InRange(page.Events.Count, 1, 8);
            seen.AddRange(page.Events.Select(e => e.Version));
            from = page.NextFromVersion;
            pages++;
        }

        Assert.Equal(Enumerable.Range(3, 20).Select(v => (long)v), seen);
        Assert.Equal(3, pages);
        Assert.Empty((await Store.ReadEventsAsync("g1", 26, 40, 8, Ct)).Events);
    }
}
