using Orleans.Storage;
using Statecraft.Providers.Sqlite;
using Statecraft.Providers.Tests.Contract;

namespace Statecraft.Providers.Tests;

/// <summary>SQLite grain storage on a fresh database file per test.</summary>
public sealed class SqliteGrainStorageTests : GrainStorageContract
{
    private readonly TempDatabase _database = new();

    protected override IGrainStorage CreateStorage() =>
        new SqliteGrainStorage("flags", new SqliteProviderOptions { DataSource = _database.DatabasePath }, Serializer(), Activators());

    protected override async Task<int> CountStoredRecordsAsync()
    {
        await using var connection = await _database.OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM grain_state;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _database.Dispose();
    }
}
