using Microsoft.Data.Sqlite;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Sqlite;
using static Statecraft.Persistence.Tests.Contract.RecordFactory;

namespace Statecraft.Persistence.Tests.Stores;

/// <summary>What only a file-backed store must get right: durability across restarts, its journal mode and schema upgrades.</summary>
public sealed class SqliteSpecificTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"statecraft-sqlite-{Guid.NewGuid():N}");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A directory that does not exist yet: the store has to create it.
    private string DatabasePath => Path.Combine(_directory, "nested", "statecraft.db");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_game_survives_closing_and_reopening_the_store()
    {
        var first = Append("g1", 1, 4, snapshot: true);
        var second = Append("g1", 5, 6, finishedAt: T0.AddHours(1));
        await using (var store = await OpenStoreAsync())
        {
            await store.AppendAsync(first, Ct);
            await store.AppendAsync(second, Ct);
        }

        await using var reopened = await OpenStoreAsync();
        var loaded = await reopened.LoadAsync("g1", cancellationToken: Ct);
        Assert.NotNull(loaded);
        Assert.Equal(second.Header, loaded.Header);
        Assert.Equal(4, loaded.Snapshot!.Version);
        Assert.Equal(first.Snapshot!.Payload.Data, loaded.Snapshot.Payload.Data);
        Assert.Equal([5L, 6L], loaded.Events.Select(e => e.Version));
        Assert.Equal(second.Events.Select(e => e.At), loaded.Events.Select(e => e.At));
        // The last batch is remembered across the restart, so a retry is still recognised.
        Assert.Equal(AppendResult.AlreadyApplied(6), await reopened.AppendAsync(second, Ct));
    }

    [Fact]
    public async Task The_database_uses_write_ahead_logging()
    {
        await using var store = await OpenStoreAsync();
        await using var connection = await OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", await command.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task Reopening_an_existing_database_keeps_its_data()
    {
        var request = Append("g1", 1, 3, snapshot: true);
        await using (var store = await OpenStoreAsync())
        {
            await store.AppendAsync(request, Ct);
        }

        await using var again = await OpenStoreAsync();
        await again.InitializeAsync(Ct);

        await using (var connection = await OpenRawConnectionAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA user_version;";
            Assert.Equal((long)SqliteSchema.LatestVersion, await command.ExecuteScalarAsync(Ct));
        }

        var loaded = await again.LoadAsync("g1", snapshotBeforeVersion: 3, cancellationToken: Ct);
        Assert.Equal(request.Header, loaded!.Header);
        Assert.Null(loaded.Snapshot);
        Assert.Equal(request.Events.Select(e => e.CommandId), loaded.Events.Select(e => e.CommandId));
        Assert.Equal([3L], await again.ListSnapshotVersionsAsync("g1", Ct));
    }

    [Fact]
    public async Task A_version_1_database_is_migrated_and_its_events_read_without_fingerprints()
    {
        var request = Append("g1", 1, 3);
        await using (var store = await OpenStoreAsync())
        {
            await store.AppendAsync(request, Ct);
        }

        // Put the file back the way a version 1 build left it: no fingerprint column.
        await using (var connection = await OpenRawConnectionAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "ALTER TABLE events DROP COLUMN command_fingerprint; PRAGMA user_version = 1;";
            await command.ExecuteNonQueryAsync(Ct);
        }

        SqliteConnection.ClearAllPools();
        await using var migrated = await OpenStoreAsync();
        var loaded = await migrated.LoadAsync("g1", cancellationToken: Ct);

        Assert.Equal(request.Events.Select(e => e.CommandId), loaded!.Events.Select(e => e.CommandId));
        Assert.All(loaded.Events, e => Assert.Equal(0UL, e.CommandFingerprint));
        var next = Append("g1", 4, 4);
        await migrated.AppendAsync(next, Ct);
        Assert.Equal(next.Events[0].CommandFingerprint, (await migrated.LoadAsync("g1", cancellationToken: Ct))!.Events[^1].CommandFingerprint);
    }

    private async Task<SqliteGameStore> OpenStoreAsync()
    {
        var store = new SqliteGameStore(new SqliteStoreOptions { DataSource = DatabasePath });
        await store.InitializeAsync(Ct);
        return store;
    }

    private async Task<SqliteConnection> OpenRawConnectionAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        return connection;
    }
}
