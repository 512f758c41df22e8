using Statecraft.Providers.Sqlite;

namespace Statecraft.Providers.Tests;

/// <summary>What the file looks like after start, and which files the providers refuse to touch.</summary>
public sealed class SqliteProviderSchemaTests : IDisposable
{
    private readonly TempDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Start_creates_the_directory_and_a_marked_wal_database()
    {
        using (var table = new SqliteReminderTable(new SqliteProviderOptions { DataSource = _database.DatabasePath }))
        {
            await table.StartAsync(Ct);
            Assert.Equal(_database.DatabasePath, table.DatabasePath);
        }

        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode;"));
        Assert.Equal((long)SqliteProviderSchema.ApplicationId, await ScalarAsync("PRAGMA application_id;"));
        Assert.Equal((long)SqliteProviderSchema.LatestVersion, await ScalarAsync("PRAGMA user_version;"));
    }

    [Fact]
    public async Task The_reminder_table_and_grain_storage_share_one_file()
    {
        var options = new SqliteProviderOptions { DataSource = _database.DatabasePath };
        using var table = new SqliteReminderTable(options);
        await table.StartAsync(Ct);
        await table.UpsertRow(new ReminderEntry { GrainId = GrainId.Create("game", "g1"), ReminderName = "deadline", Period = TimeSpan.FromMinutes(1) }, Ct);

        // A second start on a migrated file is a no-op, and the rows are untouched.
        using var again = new SqliteReminderTable(options);
        await again.StartAsync(Ct);
        Assert.Single((await again.ReadRows(0, 0, Ct)).Reminders);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM grain_state;"));
    }

    [Fact]
    public async Task A_file_holding_another_schema_is_refused_and_left_alone()
    {
        // Shaped like the game store's file: a table, user_version 1, no application id, rollback journal.
        Directory.CreateDirectory(Path.GetDirectoryName(_database.DatabasePath)!);
        await ExecuteAsync("CREATE TABLE games (game_id TEXT PRIMARY KEY); PRAGMA user_version = 1;");

        using var table = new SqliteReminderTable(new SqliteProviderOptions { DataSource = _database.DatabasePath });
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => table.StartAsync(Ct));

        Assert.Contains("another schema", refused.Message, StringComparison.Ordinal);
        Assert.Equal("delete", await ScalarAsync("PRAGMA journal_mode;"));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM sqlite_schema WHERE name IN ('reminders', 'grain_state');"));
    }

    [Fact]
    public async Task A_newer_provider_schema_is_refused()
    {
        using (var table = new SqliteReminderTable(new SqliteProviderOptions { DataSource = _database.DatabasePath }))
        {
            await table.StartAsync(Ct);
        }

        await ExecuteAsync($"PRAGMA user_version = {SqliteProviderSchema.LatestVersion + 1};");

        using var newer = new SqliteReminderTable(new SqliteProviderOptions { DataSource = _database.DatabasePath });
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.StartAsync(Ct));
        Assert.Contains("newer", refused.Message, StringComparison.Ordinal);
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await _database.OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await _database.OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
