using Statecraft.Cli.Capacity;

namespace Statecraft.Cli.Tests;

/// <summary><c>statecraft capacity</c>: the formulas of docs/capacity-planning.md, worked by hand, and the command around them.</summary>
public sealed class CapacityTests
{
    // Round numbers so each expectation below can be checked with a pencil.
    private static readonly RulesetProfile Profile = new("test", CommandsPerGame: 10, EventsPerGame: 20, SnapshotsPerGame: 2, StoreCallsPerCommand: 1.2,
        SnapshotBytes: 1_500, StoreBytesPerGame: new Dictionary<string, double>(StringComparer.Ordinal) { ["sqlite"] = 8_000, ["redis"] = 10_000, ["dynamodb"] = 12_000 });

    [Fact]
    public void Storage_store_calls_and_redis_memory_follow_the_measured_profile()
    {
        var estimate = new CapacityPlan(1_000, 100, "redis", Profile, Headroom: 0.5, SiloCores: 2, SiloMemoryBytes: 4L << 30, RetentionDays: 30).Estimate();

        Assert.Equal(200, estimate.EventsPerSecond, 6);                 // 100 commands/s × 2 events per command
        Assert.Equal(120, estimate.StoreCallsPerSecond, 6);             // 100 × 1.2
        Assert.Equal(864_000, estimate.GamesFinishedPerDay, 6);         // 100 × 86,400 ÷ 10
        Assert.Equal(8.64e9, estimate.StorageBytesPerDay, 0);           // 864,000 × 10,000 B
        Assert.Equal(2.592e11, estimate.StorageBytesRetained, 0);       // × 30 days
        Assert.Equal(5.184e11, estimate.RedisMaxMemoryBytes!.Value, 0); // ÷ (1 − 0.5)
        Assert.Null(estimate.DynamoDbWriteUnitsPerSecond);
        Assert.Equal(3, estimate.Silos);                                // one silo's worth of CPU, but never fewer than three clustered
    }

    [Fact]
    public void DynamoDb_write_units_count_two_per_item_kib_of_each_transaction()
    {
        var estimate = new CapacityPlan(1_000, 100, "dynamodb", Profile, 0.5, 2, 4L << 30, 30).Estimate();

        // 100 × 2 × (header 1 + events 2 + snapshots 0.2 per command × 2 KiB-items for 1,500 B) = 680
        Assert.Equal(680, estimate.DynamoDbWriteUnitsPerSecond!.Value, 6);
        Assert.Equal(1.0368e10, estimate.StorageBytesPerDay, 0);          // 864,000 games × 12,000 B
        Assert.Null(estimate.RedisMaxMemoryBytes);
    }

    [Fact]
    public void Silos_cover_the_load_with_headroom_even_after_losing_one()
    {
        var estimate = new CapacityPlan(1_000, 20_000, "redis", Profile, 0.5, 2, 4L << 30, 30).Estimate();

        // One silo of 2 cores at half load carries 2,911 × 0.5 = 1,455.5 commands/s: 20,000 needs 14, and 15 survive losing one.
        Assert.Equal(14, estimate.SilosForCpu);
        Assert.Equal(15, estimate.Silos);
    }

    [Fact]
    public void Live_games_beyond_silo_memory_add_silos()
    {
        var games = (long)(64L * (1L << 30) / CapacityBaseline.LiveGameBytes);
        var estimate = new CapacityPlan(games, 100, "redis", Profile, 0.5, 2, 4L << 30, 30).Estimate();

        // 64 GiB of live games, 2 GiB usable per silo: 32 silos, 33 to survive losing one.
        Assert.Equal(32, estimate.SilosForMemory);
        Assert.Equal(33, estimate.Silos);
    }

    [Fact]
    public void Sqlite_says_when_a_load_needs_a_clustered_store()
    {
        var small = new CapacityPlan(100, 100, "sqlite", Profile, 0.5, 2, 4L << 30, 30).Estimate();
        var large = new CapacityPlan(100, 2_000, "sqlite", Profile, 0.5, 2, 4L << 30, 30).Estimate();

        Assert.Equal(1, small.Silos);
        Assert.Empty(small.Notes);
        Assert.Contains(large.Notes, note => note.Contains("--store redis or dynamodb", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_measured_profile_has_every_figure()
    {
        Assert.True(CapacityBaseline.LiveGameBytes > 0);
        Assert.All(CapacityBaseline.Rulesets, profile =>
        {
            Assert.True(profile is { CommandsPerGame: > 0, EventsPerGame: > 0, SnapshotsPerGame: > 0, StoreCallsPerCommand: >= 1, SnapshotBytes: > 0 }, profile.ToString());
            Assert.True(profile.EventsPerGame >= profile.CommandsPerGame, profile.ToString());
            Assert.All(CapacityBaseline.Stores, store => Assert.True(profile.StoreBytesPerGame[store] > 0, $"{profile.Ruleset} {store}"));
        });
    }

    [Theory]
    [InlineData("redis")]
    [InlineData("redis://10.0.0.7:6379")]
    public async Task The_command_prints_the_plan_as_json(string store)
    {
        var run = await CliRun.RunAsync("capacity", "--games", "100000", "--commands-per-second", "5000", "--store", store, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("redis", run.Json.GetProperty("store").GetString());
        Assert.True(run.Json.GetProperty("silos").GetInt32() >= CapacityPlan.MinimumClusteredSilos);
        Assert.True(run.Json.GetProperty("storageBytesPerDay").GetDouble() > 0);
        Assert.True(run.Json.GetProperty("redisMaxMemoryBytes").GetDouble() > 0);
    }

    [Fact]
    public async Task The_table_names_each_figure()
    {
        var run = await CliRun.RunAsync("capacity", "--games", "1000", "--commands-per-second", "200", "--store", "dynamodb", "--ruleset", "tictactoe");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("DynamoDB write units", run.Output, StringComparison.Ordinal);
        Assert.Contains("Silos", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("capacity --games 10 --commands-per-second 5", "needs the backend")]
    [InlineData("capacity --games 10 --commands-per-second 5 --store postgres", "'postgres' is not a backend")]
    [InlineData("capacity --games 0 --commands-per-second 5 --store redis", "--games must be")]
    [InlineData("capacity --games 10 --commands-per-second 0 --store redis", "--commands-per-second must be")]
    [InlineData("capacity --games 10 --commands-per-second 5 --store redis --headroom 1", "--headroom must be")]
    [InlineData("capacity --games 10 --commands-per-second 5 --store redis --ruleset chess", "chess")]
    [InlineData("capacity --games 10 --commands-per-second 5 --store redis --silo-memory lots", "--silo-memory 'lots'")]
    [InlineData("capacity --commands-per-second 5 --store redis", "--games")]
    public async Task A_mistake_is_a_usage_error_naming_the_option(string commandLine, string expected)
    {
        var run = await CliRun.RunAsync(commandLine.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }
}
