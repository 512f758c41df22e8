using Statecraft.Persistence.Stores;
using static Statecraft.Persistence.Tests.Contract.RecordFactory;

namespace Statecraft.Persistence.Tests.Contract;

/// <summary>The contract of <see cref="IGameStoreUsage"/>: what a store reports grows with what it holds.</summary>
public abstract partial class GameStoreContract
{
    [Fact]
    public async Task Usage_grows_when_a_game_is_stored()
    {
        var before = await Store.MeasureUsageAsync(Ct);
        await Store.AppendAsync(Append("usage-game", 1, 5, snapshot: true), Ct);
        var after = await Store.MeasureUsageAsync(Ct);

        Assert.NotEmpty(after.Records);
        Assert.All(after.Records.Keys, kind => Assert.Contains(kind, (string[])[StoreRecordKinds.Games, StoreRecordKinds.Events, StoreRecordKinds.Snapshots, StoreRecordKinds.Items]));
        // Every count the store reports moved by at least what was written: one game, five events, one snapshot, seven items.
        var written = new Dictionary<string, long> { [StoreRecordKinds.Games] = 1, [StoreRecordKinds.Events] = 5, [StoreRecordKinds.Snapshots] = 1, [StoreRecordKinds.Items] = 7 };
        foreach (var (kind, count) in after.Records)
        {
            Assert.True(count - before.Records.GetValueOrDefault(kind) >= written[kind], $"{kind}: {before.Records.GetValueOrDefault(kind)} before, {count} after");
        }

        if (after.Bytes is { } bytes)
        {
            Assert.True(bytes > 0, $"bytes: {bytes}");
        }
    }
}
