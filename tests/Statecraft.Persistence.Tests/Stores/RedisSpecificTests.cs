using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Redis;
using Statecraft.Persistence.Stores;
using Statecraft.Persistence.Telemetry;
using Statecraft.Testing;
using static Statecraft.Persistence.Tests.Contract.RecordFactory;

namespace Statecraft.Persistence.Tests.Stores;

/// <summary>What only the Redis store must get right: its key layout, expiry, self-repairing indexes, scripts and wiring.</summary>
public sealed class RedisSpecificTests(RedisServerFixture server) : IClassFixture<RedisServerFixture>, IAsyncDisposable
{
    private readonly string _prefix = $"t{Guid.NewGuid():N}";
    private ConnectionMultiplexer? _raw;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RedisKeys Keys => new(_prefix);

    public async ValueTask DisposeAsync()
    {
        if (_raw is not null)
        {
            await _raw.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_game_survives_a_new_store_instance_on_the_same_server()
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
        Assert.Equal(second.Header.FinishedAt!.Value.Offset, loaded.Header.FinishedAt!.Value.Offset);
        Assert.Equal(first.Snapshot!.Payload.Data, loaded.Snapshot!.Payload.Data);
        Assert.Equal([5L, 6L], loaded.Events.Select(e => e.Version));
        Assert.Equal(second.Events.Select(e => e.At), loaded.Events.Select(e => e.At));
        // The last batch is remembered in the header, so a retry through another silo is still recognised.
        Assert.Equal(AppendResult.AlreadyApplied(6), await reopened.AppendAsync(second, Ct));
        Assert.Equal(["g1"], (await reopened.ListGamesAsync(null, 10, Ct)).Games.Select(h => h.GameId));
    }

    [Fact]
    public async Task A_retried_append_whose_reply_was_lost_is_already_applied()
    {
        await using var store = await OpenStoreAsync();
        var batch = Append("g1", 1, 3, snapshot: true);
        // The script ran and wrote everything; the caller never saw the reply and sends the same batch again.
        Assert.Equal(AppendResult.Appended(3), await store.AppendAsync(batch, Ct));
        Assert.Equal(AppendResult.AlreadyApplied(3), await store.AppendAsync(batch, Ct));

        var database = await RawAsync();
        Assert.Equal(3, await database.SortedSetLengthAsync(Keys.For("g1").Events));
        Assert.Equal(1, await database.SortedSetLengthAsync(Keys.For("g1").Snapshots));
    }

    [Fact]
    public async Task A_batch_larger_than_the_scripts_chunk_is_written_whole()
    {
        await using var store = await OpenStoreAsync();
        Assert.Equal(AppendResult.Appended(1_234), await store.AppendAsync(Append("g1", 1, 1_234, snapshot: true), Ct));
        var loaded = await store.LoadAsync("g1", snapshotBeforeVersion: 1, cancellationToken: Ct);
        Assert.Equal(Enumerable.Range(1, 1_234).Select(v => (long)v), loaded!.Events.Select(e => e.Version));
        Assert.All(loaded.Events, e => Assert.True(RecordChecksum.IsIntact("g1", RecordChecksum.Kind.Event, e.Version, e.Payload)));
    }

    [Fact]
    public async Task A_games_keys_share_one_hash_slot_and_awkward_ids_cannot_collide()
    {
        // The second id is what the first escapes to; without escaping '%' too they would share keys.
        string[] ids = ["plain", "we{ird}:id", "we%7Bird%7D%3Aid"];
        await using var store = await OpenStoreAsync();
        foreach (var id in ids)
        {
            await store.AppendAsync(Append(id, 1, 2, snapshot: true), Ct);
        }

        var connection = await RawConnectionAsync();
        var keys = await connection.GetServers().Single().KeysAsync(pattern: $"*{_prefix}*").Select(k => k.ToString()).ToListAsync(Ct);
        string[] tags = [$"{{{_prefix}:plain}}", $"{{{_prefix}:we%7Bird%7D%3Aid}}", $"{{{_prefix}:we%257Bird%257D%253Aid}}"];
        Assert.Equal(
            tags.SelectMany(tag => new[] { $"{tag}:head", $"{tag}:events", $"{tag}:snapshots" }).Append($"{_prefix}:games").Order(StringComparer.Ordinal),
            keys.Order(StringComparer.Ordinal));

        foreach (var id in ids)
        {
            var game = Keys.For(id);
            var slot = connection.HashSlot(game.Head);
            Assert.Equal(slot, connection.HashSlot(game.Events));
            Assert.Equal(slot, connection.HashSlot(game.Snapshots));
            Assert.Equal(id, (await store.LoadAsync(id, cancellationToken: Ct))!.Header.GameId);
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), (await store.ListGamesAsync(null, 10, Ct)).Games.Select(h => h.GameId));
    }

    [Fact]
    public async Task FinishedGameTtl_expires_a_finished_games_keys_and_not_a_running_ones()
    {
        var ttl = TimeSpan.FromHours(1);
        await using var store = await OpenStoreAsync(ttl);
        await store.AppendAsync(Append("live", 1, 3, snapshot: true), Ct);
        await store.AppendAsync(Append("done", 1, 3, snapshot: true), Ct);
        await store.AppendAsync(Append("done", 4, 5, finishedAt: T0), Ct);

        var database = await RawAsync();
        foreach (var key in Keys.For("done").All)
        {
            var left = await database.KeyTimeToLiveAsync(key);
            Assert.NotNull(left);
            Assert.InRange(left.Value, ttl - TimeSpan.FromMinutes(1), ttl);
        }

        foreach (var key in Keys.For("live").All)
        {
            Assert.True(await database.KeyExistsAsync(key));
            Assert.Null(await database.KeyTimeToLiveAsync(key));
        }
    }

    [Fact]
    public async Task Retention_sweeps_the_index_entries_of_games_whose_keys_expired()
    {
        await using var store = await OpenStoreAsync(TimeSpan.FromHours(1));
        await store.AppendAsync(Append("live", 1, 2), Ct);
        await store.AppendAsync(Append("done", 1, 2, finishedAt: T0), Ct);
        var database = await RawAsync();
        Assert.NotNull(await database.SortedSetScoreAsync(Keys.Finished, "done"));
        // What the expiry does, without waiting an hour.
        await database.KeyDeleteAsync(Keys.For("done").All);

        Assert.Equal(["live"], (await store.ListGamesAsync(null, 10, Ct)).Games.Select(h => h.GameId));
        Assert.Equal(new RetentionReport(0, 0), await store.ApplyRetentionAsync(T0.AddHours(2), new RetentionPolicy(null, null), Ct));
        Assert.Null(await database.SortedSetScoreAsync(Keys.Finished, "done"));
        Assert.Null(await database.SortedSetScoreAsync(Keys.Games, "done"));
        Assert.NotNull(await database.SortedSetScoreAsync(Keys.Games, "live"));
    }

    [Fact]
    public async Task Index_entries_lost_between_the_script_and_the_index_are_rewritten_by_the_next_load_or_append()
    {
        await using var store = await OpenStoreAsync();
        await store.AppendAsync(Append("g1", 1, 2), Ct);
        await store.AppendAsync(Append("g2", 1, 2, finishedAt: T0), Ct);
        var database = await RawAsync();
        // A silo that died after the append script and before the index writes leaves exactly this behind.
        foreach (var id in new[] { "g1", "g2" })
        {
            await database.SortedSetRemoveAsync(Keys.Games, id);
            await database.SortedSetRemoveAsync(Keys.Finished, id);
            await database.HashDeleteAsync(Keys.For(id).Head, "indexed");
        }

        Assert.Empty((await store.ListGamesAsync(null, 10, Ct)).Games);

        await store.AppendAsync(Append("g1", 3, 3), Ct);
        Assert.NotNull(await store.LoadAsync("g2", cancellationToken: Ct));

        Assert.Equal(["g1", "g2"], (await store.ListGamesAsync(null, 10, Ct)).Games.Select(h => h.GameId));
        Assert.Equal(T0.ToUnixTimeMilliseconds(), await database.SortedSetScoreAsync(Keys.Finished, "g2"));
        Assert.Equal(new RetentionReport(0, 1), await store.ApplyRetentionAsync(T0.AddDays(2), new RetentionPolicy(null, TimeSpan.FromDays(1)), Ct));
    }

    [Fact]
    public async Task Scripts_run_by_sha_once_loaded()
    {
        await using var store = await OpenStoreAsync();
        await store.AppendAsync(Append("g1", 1, 2), Ct);
        await store.LoadAsync("g1", cancellationToken: Ct);

        var stats = (await (await RawConnectionAsync()).GetServers().Single().InfoRawAsync("commandstats")) ?? string.Empty;
        Assert.Contains("cmdstat_evalsha:", stats, StringComparison.Ordinal);
        Assert.DoesNotContain("cmdstat_eval:", stats, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_on_a_shared_connection_leaves_it_open()
    {
        var connection = await RawConnectionAsync();
        var options = new RedisStoreOptions { KeyPrefix = _prefix };
        await using (var store = new RedisGameStore(connection, options))
        {
            await store.InitializeAsync(Ct);
            await store.AppendAsync(Append("g1", 1, 1), Ct);
        }

        Assert.True(connection.IsConnected);
        await using var again = new RedisGameStore(connection, options);
        Assert.Equal(1, (await again.LoadAsync("g1", cancellationToken: Ct))!.Version);
    }

    [Fact]
    public async Task An_unreachable_server_fails_initialization_naming_the_endpoint()
    {
        await using var store = new RedisGameStore(new RedisStoreOptions
        {
            ConnectionString = "127.0.0.1:1",
            ConnectTimeout = TimeSpan.FromMilliseconds(200),
            AsyncTimeout = TimeSpan.FromMilliseconds(500),
        });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.InitializeAsync(Ct));
        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KeyPrefix", "a{b}")]
    [InlineData("KeyPrefix", "")]
    [InlineData("ConnectionString", "")]
    [InlineData("FinishedGameTtl", "-00:00:01")]
    [InlineData("AsyncTimeout", "00:00:00")]
    public void Invalid_settings_are_refused_naming_the_setting(string key, string value)
    {
        using var provider = BuildProvider((key, value));
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RedisStoreOptions>>().Value);
        Assert.Contains($"Statecraft:Redis:{key}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_builds_an_instrumented_store_on_one_shared_connection()
    {
        await using var provider = BuildProvider(("ConnectionString", server.ConnectionString), ("KeyPrefix", _prefix), ("FinishedGameTtl", "1.00:00:00"));
        var store = provider.GetRequiredService<IGameStore>();
        Assert.IsType<RedisGameStore>(Assert.IsType<InstrumentedGameStore>(store).Inner);
        Assert.Equal("redis", store.Name);
        Assert.Same(
            provider.GetRequiredKeyedService<IConnectionMultiplexer>(RedisStoreOptions.ConnectionServiceKey),
            provider.GetRequiredKeyedService<IConnectionMultiplexer>(RedisStoreOptions.ConnectionServiceKey));

        await store.InitializeAsync(Ct);
        await store.PingAsync(Ct);
        await store.AppendAsync(Append("g1", 1, 2, finishedAt: T0), Ct);
        Assert.NotNull(await (await RawAsync()).KeyTimeToLiveAsync(Keys.For("g1").Head));
    }

    private static ServiceProvider BuildProvider(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"{RedisStoreOptions.SectionName}:{s.Key}", s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddStatecraftPersistence(configuration).AddRedisGameStore(configuration).BuildServiceProvider();
    }

    private async Task<RedisGameStore> OpenStoreAsync(TimeSpan? finishedGameTtl = null)
    {
        var store = new RedisGameStore(new RedisStoreOptions { ConnectionString = server.ConnectionString, KeyPrefix = _prefix, FinishedGameTtl = finishedGameTtl });
        await store.InitializeAsync(Ct);
        return store;
    }

    private async Task<ConnectionMultiplexer> RawConnectionAsync() =>
        _raw ??= await ConnectionMultiplexer.ConnectAsync($"{server.ConnectionString},allowAdmin=true");

    private async Task<IDatabase> RawAsync() => (await RawConnectionAsync()).GetDatabase();

    [Fact]
    public void Events_in_record_format_1_still_read_with_fingerprint_zero()
    {
        var record = Event("g1", 5);
        var current = RedisRecordFormat.Write(record);
        // Format 1 is format 2 without the 8 fingerprint bytes after the command id.
        byte[] legacy = [1, .. current.AsSpan(1, 24), .. current.AsSpan(33)];

        var read = RedisRecordFormat.ReadEvent(legacy);

        Assert.Equal(2, current[0]);
        Assert.Equal(record with { CommandFingerprint = 0 }, read with { Payload = record.Payload });
        Assert.Equal(record.Payload.Data, read.Payload.Data);
        Assert.Equal(record, RedisRecordFormat.ReadEvent(current) with { Payload = record.Payload });
    }
}
