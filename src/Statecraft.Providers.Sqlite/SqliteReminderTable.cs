using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Statecraft.Providers.Sqlite;

/// <summary>
/// Orleans' reminder table in a SQLite file, so a game's turn-deadline reminder still fires after the silo restarts.
/// Rows are keyed by grain id and reminder name; the grain's uniform hash is stored beside them and indexed, so the
/// reminder service's range reads over its share of the hash ring are index range scans.
/// </summary>
public sealed class SqliteReminderTable : IReminderTable, IDisposable
{
    private const string Columns = "grain_id, reminder_name, start_at, period, etag";

    private const string SelectByGrain = $"SELECT {Columns} FROM reminders WHERE grain_id = @grain_id;";

    private const string SelectOne = $"SELECT {Columns} FROM reminders WHERE grain_id = @grain_id AND reminder_name = @reminder_name;";

    // The ring range (begin, end] when it does not wrap past zero.
    private const string SelectInRange = $"SELECT {Columns} FROM reminders WHERE grain_hash > @begin AND grain_hash <= @end;";

    // begin >= end: the range wraps past the top of the ring, so it is everything above begin plus everything up to end.
    // begin == end is therefore the whole ring, which is what Orleans asks for when one silo owns it all.
    private const string SelectOutsideRange = $"SELECT {Columns} FROM reminders WHERE grain_hash > @begin OR grain_hash <= @end;";

    private const string Upsert = """
        INSERT INTO reminders (grain_id, reminder_name, grain_hash, start_at, period, etag)
        VALUES (@grain_id, @reminder_name, @grain_hash, @start_at, @period, @etag)
        ON CONFLICT (grain_id, reminder_name) DO UPDATE SET
            grain_hash = excluded.grain_hash,
            start_at = excluded.start_at,
            period = excluded.period,
            etag = excluded.etag;
        """;

    private const string Delete = "DELETE FROM reminders WHERE grain_id = @grain_id AND reminder_name = @reminder_name AND etag = @etag;";

    private const string DeleteAll = "DELETE FROM reminders;";

    private readonly SqliteProviderDatabase _database;

    /// <summary>Creates a table over the file named in <paramref name="options"/>; nothing is opened until first use.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public SqliteReminderTable(SqliteProviderOptions options, ILogger<SqliteReminderTable>? logger = null)
    {
        _database = new SqliteProviderDatabase(Options.DefaultName, options, logger ?? (ILogger)NullLogger.Instance);
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath => _database.DatabasePath;

    /// <summary>Creates or migrates the schema, so a bad path or a foreign file stops the silo at start.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    public async Task StartAsync(CancellationToken cancellationToken = default) => await _database.MigrateAsync(cancellationToken);

    /// <summary>Nothing to flush: every operation commits before it returns.</summary>
    /// <param name="cancellationToken">Unused.</param>
    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    /// <inheritdoc />
    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectByGrain;
        command.Parameters.AddWithValue("@grain_id", grainId.ToString());
        return new ReminderTableData(await ReadEntriesAsync(command, cancellationToken));
    }

    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <inheritdoc />
    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = begin < end ? SelectInRange : SelectOutsideRange;
        command.Parameters.AddWithValue("@begin", (long)begin);
        command.Parameters.AddWithValue("@end", (long)end);
        return new ReminderTableData(await ReadEntriesAsync(command, cancellationToken));
    }

    /// <inheritdoc />
    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    /// <summary>Reads one entry.</summary>
    /// <param name="grainId">The grain that owns the reminder.</param>
    /// <param name="reminderName">The reminder's name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entry, or <see langword="null"/> when there is none.</returns>
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectOne;
        command.Parameters.AddWithValue("@grain_id", grainId.ToString());
        command.Parameters.AddWithValue("@reminder_name", reminderName);
        var entries = await ReadEntriesAsync(command, cancellationToken);
        return entries.Count == 0 ? null : entries[0];
    }

    /// <inheritdoc />
    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    /// <summary>Inserts or replaces the entry unconditionally, as Orleans expects, and gives it a fresh ETag.</summary>
    /// <param name="entry">The entry; its <see cref="ReminderEntry.ETag"/> is ignored.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The row's new ETag.</returns>
    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(entry.ReminderName);
        // Random rather than a counter: a reminder removed and registered again must not get back an ETag that a
        // stale caller still holds.
        var etag = Guid.NewGuid().ToString("N");
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Upsert;
        command.Parameters.AddWithValue("@grain_id", entry.GrainId.ToString());
        command.Parameters.AddWithValue("@reminder_name", entry.ReminderName);
        command.Parameters.AddWithValue("@grain_hash", (long)entry.GrainId.GetUniformHashCode());
        command.Parameters.AddWithValue("@start_at", ToUtcTicks(entry.StartAt));
        command.Parameters.AddWithValue("@period", entry.Period.Ticks);
        command.Parameters.AddWithValue("@etag", etag);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return etag;
    }

    /// <inheritdoc />
    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <summary>Removes the entry only if it still carries <paramref name="eTag"/>.</summary>
    /// <param name="grainId">The grain that owns the reminder.</param>
    /// <param name="reminderName">The reminder's name.</param>
    /// <param name="eTag">The ETag the caller last saw.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> if the row existed with that ETag and was removed.</returns>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        ArgumentNullException.ThrowIfNull(eTag);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Delete;
        command.Parameters.AddWithValue("@grain_id", grainId.ToString());
        command.Parameters.AddWithValue("@reminder_name", reminderName);
        command.Parameters.AddWithValue("@etag", eTag);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <inheritdoc />
    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    /// <inheritdoc />
    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = DeleteAll;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Closes the pooled connections to the file. Operations after this throw.</summary>
    public void Dispose() => _database.Dispose();

    /// <summary>
    /// Orleans creates start times from <see cref="DateTime.UtcNow"/>; a local time is converted, and an unspecified
    /// one is taken as UTC, so every stored value is a UTC instant.
    /// </summary>
    private static long ToUtcTicks(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).Ticks;

    private static async ValueTask<List<ReminderEntry>> ReadEntriesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetString(4),
            });
        }

        return entries;
    }
}
