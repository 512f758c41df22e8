using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Statecraft.Abstractions.Grains;
using Statecraft.Client;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Persistence.Redis;
using Statecraft.Testing;

namespace Statecraft.Deploy.Tests;

/// <summary>
/// Three silo containers clustered through Redis with Redis storage, played through the client library: a
/// <c>docker kill</c> of one loses no acknowledged command and every game answers again within seconds.
/// </summary>
[Collection(DockerSuite.Name)]
public sealed class ClusterContainerTests(SiloImage image)
{
    private static readonly TimeSpan SilenceBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Killing_one_of_three_containers_loses_no_acknowledged_command()
    {
        Assert.NotNull(image);
        var ct = TestContext.Current.CancellationToken;
        await using var redis = await RedisServer.StartAsync(ct);
        var clusterId = $"containers-{Guid.NewGuid():N}"[..24];
        var environment = new Dictionary<string, string>
        {
            ["Statecraft__Clustering"] = "Redis",
            ["Statecraft__Storage"] = "Redis",
            ["Statecraft__Redis__ConnectionString"] = redis.ConnectionString,
            ["Statecraft__Cluster__ClusterId"] = clusterId,
            ["Statecraft__Cluster__AdvertisedAddress"] = "127.0.0.1",
        };
        var containers = new List<SiloContainer>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                containers.Add(await SiloContainer.StartAsync(environment: environment));
            }

            foreach (var container in containers)
            {
                await container.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
            }

            await using var connection = await StatecraftConnection.ConnectAsync(
                new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Statecraft:Client:Clustering"] = "Redis",
                    ["Statecraft:Client:RedisConnectionString"] = redis.ConnectionString,
                    ["Statecraft:Client:ClusterId"] = clusterId,
                }).Build(),
                TimeSpan.FromSeconds(30), Microsoft.Extensions.Logging.LogLevel.None, ct);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var acknowledged = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            var lastAnswer = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            var longestSilence = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            var clock = Stopwatch.StartNew();
            var tables = Enumerable.Range(0, 12).Select(i => PlayAsync(connection.Client, $"table-{clusterId}-{i}", acknowledged, lastAnswer, longestSilence, clock, stop.Token)).ToList();

            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            var killedAt = clock.Elapsed;
            await Docker.RunAsync("kill", containers[0].Name);
            await Task.Delay(TimeSpan.FromSeconds(25), ct);
            await stop.CancelAsync();
            await Task.WhenAll(tables);

            // Every game answered after the kill, and within the bound of it.
            Assert.All(lastAnswer, pair => Assert.True(TimeSpan.FromTicks(pair.Value) > killedAt + TimeSpan.FromSeconds(5),
                $"{pair.Key} has not answered since {TimeSpan.FromTicks(pair.Value)} (kill at {killedAt})"));

            var worst = TimeSpan.FromTicks(longestSilence.Values.DefaultIfEmpty(0).Max());
            FailoverReport.Append("container kill (1 of 3, Redis)", $"longest silence of a table {worst.TotalSeconds:F2} s, {acknowledged.Values.Sum()} acknowledged versions over {acknowledged.Count} games");
            Assert.True(worst < SilenceBound, $"a table waited {worst} for an answer");

            // No acknowledged command is missing from the store.
            await using var store = new RedisGameStore(new RedisStoreOptions { ConnectionString = redis.ConnectionString }, NullLogger<RedisGameStore>.Instance);
            foreach (var (gameId, version) in acknowledged)
            {
                var stored = await store.LoadAsync(gameId, cancellationToken: ct);
                Assert.True(stored is not null && stored.Header.Version >= version, $"{gameId}: acknowledged v{version}, stored v{stored?.Header.Version}");
            }

            Assert.True(acknowledged.Values.Sum() > 100, $"only {acknowledged.Values.Sum()} acknowledged versions");
        }
        finally
        {
            foreach (var container in containers)
            {
                await container.DisposeAsync();
            }
        }
    }

    /// <summary>Plays tic-tac-toe games one after another on one table until stopped, recording every durable answer.</summary>
    private static async Task PlayAsync(
        StatecraftClient client, string table, ConcurrentDictionary<string, long> acknowledged, ConcurrentDictionary<string, long> lastAnswer,
        ConcurrentDictionary<string, long> longestSilence, Stopwatch clock, CancellationToken stop)
    {
        var round = 0;
        while (!stop.IsCancellationRequested)
        {
            var gameId = $"{table}-{round++}";
            var game = client.Game(gameId);
            try
            {
                Record(await game.CreateAsync("x", TicTacToeRules.RulesetId, cancellationToken: stop));
                Record(await game.JoinAsync("x", cancellationToken: stop));
                Record(await game.JoinAsync("o", cancellationToken: stop));
                Record(await game.StartAsync("x", cancellationToken: stop));
                foreach (var (player, cell) in new[] { ("x", 0), ("o", 3), ("x", 1), ("o", 4), ("x", 2) })
                {
                    Record(await game.MoveAsync(player, TicTacToeRules.Place(cell), cancellationToken: stop));
                    await Task.Delay(200, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is TimeoutException or GameStorageUnavailableException or Orleans.Runtime.OrleansException)
            {
                // A call caught in the kill after the client's retries: this game is abandoned, the table plays on.
            }

            void Record(CommandResult result)
            {
                var now = clock.Elapsed.Ticks;
                if (lastAnswer.TryGetValue(table, out var previous))
                {
                    longestSilence.AddOrUpdate(table, now - previous, (_, known) => Math.Max(known, now - previous));
                }

                lastAnswer[table] = now;
                if (result is { Accepted: true, Durability: Durability.Durable })
                {
                    acknowledged.AddOrUpdate(gameId, result.Version, (_, known) => Math.Max(known, result.Version));
                }
            }
        }
    }
}
