using Statecraft.Providers.Sqlite;

namespace Statecraft.Providers.Tests;

public sealed class SqliteReminderTableTests : IDisposable
{
    private static readonly DateTime StartAt = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly TempDatabase _database = new();
    private readonly List<SqliteReminderTable> _tables = [];

    public void Dispose()
    {
        foreach (var table in _tables)
        {
            table.Dispose();
        }

        _database.Dispose();
    }

    [Fact]
    public async Task An_upserted_row_reads_back_with_the_returned_etag()
    {
        var table = await OpenAsync();
        var grain = Game("g1");
        var etag = await table.UpsertRow(Entry(grain, "deadline", TimeSpan.FromMinutes(5)), Ct);

        var row = await table.ReadRow(grain, "deadline", Ct);

        Assert.NotNull(row);
        Assert.Equal(grain, row.GrainId);
        Assert.Equal("deadline", row.ReminderName);
        Assert.Equal(StartAt, row.StartAt);
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        Assert.Equal(TimeSpan.FromMinutes(5), row.Period);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(etag, row.ETag);
    }

    [Fact]
    public async Task A_missing_row_reads_as_null()
    {
        var table = await OpenAsync();
        await table.UpsertRow(Entry(Game("g1"), "deadline"), Ct);

        Assert.Null(await table.ReadRow(Game("g1"), "other", Ct));
        Assert.Null(await table.ReadRow(Game("g2"), "deadline", Ct));
    }

    [Fact]
    public async Task Every_upsert_changes_the_etag_and_replaces_the_row()
    {
        var table = await OpenAsync();
        var grain = Game("g1");
        var first = await table.UpsertRow(Entry(grain, "deadline", TimeSpan.FromMinutes(1)), Ct);
        var second = await table.UpsertRow(Entry(grain, "deadline", TimeSpan.FromMinutes(2)), Ct);

        Assert.NotEqual(first, second);
        var rows = (await table.ReadRows(grain, Ct)).Reminders;
        var row = Assert.Single(rows);
        Assert.Equal(second, row.ETag);
        Assert.Equal(TimeSpan.FromMinutes(2), row.Period);
    }

    [Fact]
    public async Task RemoveRow_with_a_stale_etag_keeps_the_row_and_with_the_current_one_removes_it()
    {
        var table = await OpenAsync();
        var grain = Game("g1");
        var stale = await UpsertAsync(table, Entry(grain, "deadline"));
        var current = await UpsertAsync(table, Entry(grain, "deadline"));

        Assert.False(await table.RemoveRow(grain, "deadline", stale, Ct));
        Assert.NotNull(await table.ReadRow(grain, "deadline", Ct));

        Assert.True(await table.RemoveRow(grain, "deadline", current, Ct));
        Assert.Null(await table.ReadRow(grain, "deadline", Ct));
        Assert.False(await table.RemoveRow(grain, "deadline", current, Ct));
    }

    [Fact]
    public async Task ReadRows_by_grain_returns_only_that_grains_reminders()
    {
        var table = await OpenAsync();
        await table.UpsertRow(Entry(Game("g1"), "deadline"), Ct);
        await table.UpsertRow(Entry(Game("g1"), "cleanup"), Ct);
        await table.UpsertRow(Entry(Game("g2"), "deadline"), Ct);

        var rows = (await table.ReadRows(Game("g1"), Ct)).Reminders;

        Assert.Equal(["cleanup", "deadline"], rows.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(Game("g1"), r.GrainId));
        Assert.Empty((await table.ReadRows(Game("g3"), Ct)).Reminders);
    }

    [Fact]
    public async Task ReadRows_by_range_follows_the_ring_including_wrap_around()
    {
        var table = await OpenAsync();
        // Four grains ordered by hash, one of them above int.MaxValue so the unsigned hash must survive storage; the
        // ranges below are built from their actual hashes, so every bound is exact.
        var grains = Enumerable.Range(0, 64).Select(i => Game($"ring-{i}")).ToList();
        var high = grains.First(g => g.GetUniformHashCode() > int.MaxValue);
        var low = grains.First(g => g.GetUniformHashCode() < int.MaxValue);
        var picked = new[] { high, low }
            .Concat(grains.Where(g => g != high && g != low).Take(2))
            .OrderBy(g => g.GetUniformHashCode())
            .ToArray();
        Assert.Equal(4, picked.Select(g => g.GetUniformHashCode()).Distinct().Count());
        foreach (var grain in picked)
        {
            await table.UpsertRow(Entry(grain, "deadline"), Ct);
        }

        var (a, b, c, d) = (picked[0], picked[1], picked[2], picked[3]);
        var (ha, hb, hc, hd) = (a.GetUniformHashCode(), b.GetUniformHashCode(), c.GetUniformHashCode(), d.GetUniformHashCode());

        // begin < end: (begin, end], exclusive below and inclusive above.
        Assert.Equal([b, c], await GrainsInAsync(table, ha, hc));
        Assert.Equal([a], await GrainsInAsync(table, ha - 1, ha));
        Assert.Equal([b], await GrainsInAsync(table, ha, hb));
        Assert.True(hc - 1 > hb);
        Assert.Empty(await GrainsInAsync(table, hb, hc - 1));
        Assert.Equal([b, c, d], await GrainsInAsync(table, ha, uint.MaxValue));
        Assert.Equal([a, b, c, d], await GrainsInAsync(table, 0, uint.MaxValue));

        // begin > end: the range wraps past the top of the ring: (begin, max] and [0, end].
        Assert.Equal([a, d], await GrainsInAsync(table, hc, ha));
        Assert.Equal([a, b], await GrainsInAsync(table, hd, hb));
        Assert.Equal([a, b, c], await GrainsInAsync(table, uint.MaxValue, hc));

        // begin == end: the whole ring.
        Assert.Equal([a, b, c, d], await GrainsInAsync(table, hb, hb));
    }

    [Fact]
    public async Task Rows_survive_reopening_the_table_on_the_same_file()
    {
        var grain = Game("g1");
        string etag;
        using (var first = new SqliteReminderTable(new SqliteProviderOptions { DataSource = _database.DatabasePath }))
        {
            await first.StartAsync(Ct);
            etag = await UpsertAsync(first, Entry(grain, "deadline", TimeSpan.FromMinutes(3)));
        }

        var reopened = await OpenAsync();
        var row = await reopened.ReadRow(grain, "deadline", Ct);

        Assert.NotNull(row);
        Assert.Equal(etag, row.ETag);
        Assert.Equal(StartAt, row.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(3), row.Period);
        Assert.True(await reopened.RemoveRow(grain, "deadline", etag, Ct));
    }

    [Fact]
    public async Task TestOnlyClearTable_removes_every_row()
    {
        var table = await OpenAsync();
        await table.UpsertRow(Entry(Game("g1"), "deadline"), Ct);
        await table.UpsertRow(Entry(Game("g2"), "deadline"), Ct);

        await table.TestOnlyClearTable(Ct);

        Assert.Empty((await table.ReadRows(0, 0, Ct)).Reminders);
    }

    [Fact]
    public async Task A_local_start_time_is_stored_as_the_same_instant_in_utc()
    {
        var table = await OpenAsync();
        var local = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Local);
        await table.UpsertRow(new ReminderEntry { GrainId = Game("g1"), ReminderName = "deadline", StartAt = local, Period = TimeSpan.FromMinutes(1) }, Ct);

        var row = await table.ReadRow(Game("g1"), "deadline", Ct);

        Assert.Equal(local.ToUniversalTime(), row!.StartAt);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static GrainId Game(string key) => GrainId.Create("game", key);

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan? period = null) =>
        new() { GrainId = grain, ReminderName = name, StartAt = StartAt, Period = period ?? TimeSpan.FromMinutes(1) };

    private static async Task<string> UpsertAsync(SqliteReminderTable table, ReminderEntry entry)
    {
        var etag = await table.UpsertRow(entry, Ct);
        Assert.False(string.IsNullOrEmpty(etag));
        return etag;
    }

    private static async Task<GrainId[]> GrainsInAsync(SqliteReminderTable table, uint begin, uint end) =>
        (await table.ReadRows(begin, end, Ct)).Reminders.Select(r => r.GrainId).OrderBy(g => g.GetUniformHashCode()).ToArray();

    private async Task<SqliteReminderTable> OpenAsync()
    {
        var table = new SqliteReminderTable(new SqliteProviderOptions { DataSource = _database.DatabasePath });
        _tables.Add(table);
        await table.StartAsync(Ct);
        return table;
    }
}
