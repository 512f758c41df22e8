using Microsoft.Data.Sqlite;
using Statecraft.Persistence.Sqlite;
using Statecraft.Persistence.Stores;
using Statecraft.Persistence.Tests.Contract;

namespace Statecraft.Persistence.Tests.Stores;

public sealed class SqliteGameStoreTests : GameStoreContract
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"statecraft-contract-{Guid.NewGuid():N}.db");

    protected override ValueTask<IGameStore> CreateStoreAsync() =>
        ValueTask.FromResult<IGameStore>(new SqliteGameStore(new SqliteStoreOptions { DataSource = _path }));

    protected override ValueTask CorruptEventAsync(string gameId, long version) =>
        FlipFirstPayloadBitAsync(
            "SELECT payload FROM events WHERE game_id = @game_id AND version = @version;",
            "UPDATE events SET payload = @payload WHERE game_id = @game_id AND version = @version;",
            gameId,
            version);

    protected override ValueTask CorruptSnapshotAsync(string gameId, long version) =>
        FlipFirstPayloadBitAsync(
            "SELECT payload FROM snapshots WHERE game_id = @game_id AND version = @version;",
            "UPDATE snapshots SET payload = @payload WHERE game_id = @game_id AND version = @version;",
            gameId,
            version);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var file in new[] { _path, $"{_path}-wal", $"{_path}-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Damages the stored bytes directly in the file, the way a bad disk would, bypassing the store.</summary>
    private async ValueTask FlipFirstPayloadBitAsync(string select, string update, string gameId, long version)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        await connection.OpenAsync(ct);

        byte[] payload;
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = select;
            read.Parameters.AddWithValue("@game_id", gameId);
            read.Parameters.AddWithValue("@version", version);
            payload = (byte[])(await read.ExecuteScalarAsync(ct))!;
        }

        payload[0] ^= 0x01;
        await using var write = connection.CreateCommand();
        write.CommandText = update;
        write.Parameters.AddWithValue("@game_id", gameId);
        write.Parameters.AddWithValue("@version", version);
        write.Parameters.Add("@payload", SqliteType.Blob).Value = payload;
        Assert.Equal(1, await write.ExecuteNonQueryAsync(ct));
    }
}
