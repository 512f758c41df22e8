using StackExchange.Redis;
using Statecraft.Persistence.Redis;
using Statecraft.Persistence.Stores;
using Statecraft.Persistence.Tests.Contract;
using Statecraft.Testing;

namespace Statecraft.Persistence.Tests.Stores;

/// <summary>The contract against a real redis-server; each test gets its own key prefix on the class's server.</summary>
public sealed class RedisGameStoreTests(RedisServerFixture server) : GameStoreContract, IClassFixture<RedisServerFixture>
{
    private readonly string _prefix = $"t{Guid.NewGuid():N}";

    protected override ValueTask<IGameStore> CreateStoreAsync() =>
        ValueTask.FromResult<IGameStore>(new RedisGameStore(new RedisStoreOptions { ConnectionString = server.ConnectionString, KeyPrefix = _prefix }));

    protected override ValueTask CorruptEventAsync(string gameId, long version) =>
        FlipLastPayloadBitAsync(new RedisKeys(_prefix).For(gameId).Events, version);

    protected override ValueTask CorruptSnapshotAsync(string gameId, long version) =>
        FlipLastPayloadBitAsync(new RedisKeys(_prefix).For(gameId).Snapshots, version);

    /// <summary>
    /// Damages the stored record directly in Redis, bypassing the store: the payload is the member's tail, so its last
    /// byte is a payload byte. The member is swapped in one MULTI/EXEC so the version never goes missing.
    /// </summary>
    private async ValueTask FlipLastPayloadBitAsync(RedisKey key, long version)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        var database = connection.GetDatabase();
        var member = Assert.Single(await database.SortedSetRangeByScoreAsync(key, version, version));
        var damaged = ((byte[])member!).ToArray();
        damaged[^1] ^= 0x01;
        var transaction = database.CreateTransaction();
        _ = transaction.SortedSetRemoveAsync(key, member);
        _ = transaction.SortedSetAddAsync(key, damaged, version);
        Assert.True(await transaction.ExecuteAsync());
    }
}
