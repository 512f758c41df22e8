using Microsoft.Data.Sqlite;

namespace Statecraft.Providers.Tests;

/// <summary>A database path in a fresh temporary directory that does not exist yet, deleted with everything in it.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"statecraft-providers-{Guid.NewGuid():N}");

    /// <summary>Nested, so the providers have to create the directory themselves.</summary>
    public string DatabasePath => Path.Combine(_directory, "nested", "orleans.db");

    /// <summary>A connection that bypasses the providers, for looking at or damaging the file directly.</summary>
    public async Task<SqliteConnection> OpenRawConnectionAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
