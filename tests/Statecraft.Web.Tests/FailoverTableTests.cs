using Microsoft.Extensions.Configuration;
using Statecraft.Client;
using Statecraft.Persistence.Redis;
using Statecraft.Testing;
using static Microsoft.Playwright.Assertions;

namespace Statecraft.Web.Tests;

/// <summary>
/// Two silos on Redis and the frontend as its own process: <c>kill -9</c> of the silo hosting the game mid-game, and
/// the pages keep playing after failover, no move lost or applied twice.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class FailoverTableTests(Chromium chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_pages_play_on_after_the_silo_hosting_the_game_is_killed()
    {
        await using var redis = await RedisServer.StartAsync(Ct);
        var clusterId = $"web-{Guid.NewGuid():N}"[..16];
        var arguments = ClusterArguments.OnRedis(redis, clusterId);
        await using var first = SiloProcess.Start(typeof(Program).Assembly.Location, arguments);
        await using var second = SiloProcess.Start(typeof(Program).Assembly.Location, arguments);
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) })
        {
            await Task.WhenAll(first.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120), Ct), second.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120), Ct));
        }

        await using var web = await WebProcess.StartAsync(redis.ConnectionString, clusterId, Ct);
        var ann = await chromium.NewPlayerAsync(web.Play);
        var bob = await chromium.NewPlayerAsync(web.Play);
        await Tables.SignInAsync(ann, web.Play, "ann");
        await Tables.SignInAsync(bob, web.Play, "bob");
        var gameId = await Tables.CreateAsync(ann, "tictactoe");
        await Tables.JoinFromLobbyAsync(bob, web.Play, gameId);
        await Expect(ann.Locator("#start")).ToBeVisibleAsync();
        await ann.ClickAsync("#start");
        await Tables.Cell(ann, 0).ClickAsync();
        await Expect(Tables.Cell(bob, 0)).ToHaveTextAsync("X");
        await Tables.Cell(bob, 3).ClickAsync();
        await Expect(Tables.Cell(ann, 3)).ToHaveTextAsync("O");
        var before = await Tables.VersionAsync(ann);

        // kill -9 the silo the game lives on.
        var hostPort = await HostSiloPortAsync(redis.ConnectionString, clusterId, gameId);
        var host = hostPort == first.SiloPort ? first : hostPort == second.SiloPort ? second : throw new InvalidOperationException($"no silo on port {hostPort}");
        host.Kill();

        // The next moves go through once the game has recovered on the other silo; the pages follow without a reload.
        foreach (var (page, cell, mark) in new[] { (ann, 1, "X"), (bob, 4, "O"), (ann, 2, "X") })
        {
            await Expect(Tables.Cell(page, cell)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("legal"), new() { Timeout = 60_000 });
            await Tables.Cell(page, cell).ClickAsync();
            // A move caught in the failover is offered again with the same command id: retry until the board shows it.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await Tables.Cell(ann, cell).InnerTextAsync() != mark && DateTime.UtcNow < deadline)
            {
                if (await page.Locator("#retry").IsVisibleAsync())
                {
                    await page.ClickAsync("#retry");
                }

                await Task.Delay(500, Ct);
            }

            await Expect(Tables.Cell(ann, cell)).ToHaveTextAsync(mark);
            await Expect(Tables.Cell(bob, cell)).ToHaveTextAsync(mark);
        }

        await Expect(ann.Locator("#result")).ToContainTextAsync("won by ann");
        await Expect(bob.Locator("#result")).ToContainTextAsync("won by ann");
        // Exactly the three moves after the kill in the stored journal, each once: none lost, none applied twice.
        await using var store = new RedisGameStore(new RedisStoreOptions { ConnectionString = redis.ConnectionString });
        var after = (await store.ReadEventsAsync(gameId, before + 1, long.MaxValue, 1_000, Ct)).Events;
        var commands = after.GroupBy(e => e.CommandId).ToList();
        Assert.Equal(3, commands.Count);
        Assert.All(commands, command => Assert.Equal(command.Count(), command.Max(e => e.Version) - command.Min(e => e.Version) + 1));
        Assert.Equal(after.Max(e => e.Version), await Tables.VersionAsync(ann));
        Assert.Equal(after.Max(e => e.Version), await Tables.VersionAsync(bob));
        await ann.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }

    /// <summary>The silo port of the silo holding <paramref name="gameId"/>'s activation, from the management grain.</summary>
    private static async Task<int> HostSiloPortAsync(string redis, string clusterId, string gameId)
    {
        await using var connection = await StatecraftConnection.ConnectAsync(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Statecraft:Client:Clustering"] = "Redis",
                ["Statecraft:Client:RedisConnectionString"] = redis,
                ["Statecraft:Client:ClusterId"] = clusterId,
            }).Build(),
            TimeSpan.FromSeconds(30), Microsoft.Extensions.Logging.LogLevel.None, Ct);
        var statistics = await connection.ClusterClient.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Single(s => s.GrainId.Key.ToString() == gameId).SiloAddress.Endpoint.Port;
    }
}
