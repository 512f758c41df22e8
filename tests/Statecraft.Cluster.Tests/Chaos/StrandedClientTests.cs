using System.Diagnostics;
using System.Net;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Statecraft.Client;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Testing;

namespace Statecraft.Cluster.Tests.Chaos;

/// <summary>
/// The stranded long-lived client, reproduced deterministically: the client drops a live silo's gateway from its list
/// (Orleans marks a gateway dead after one failed connection attempt, which a kill storm makes likely) while that silo
/// keeps the client's record and queues the replies of its grains there. With Orleans' defaults the games on that silo
/// stay silent for one to two minutes; with Statecraft's settings (client gateway refresh 2 s, silo client drop 3 s)
/// every game answers again within seconds.
/// </summary>
public sealed class StrandedClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_that_drops_a_live_silos_gateway_hears_from_every_game_again_within_seconds()
    {
        await using var rig = await ClusterRig.StartAsync(2, ["--Statecraft:Storage=Redis"], Ct);
        var games = new List<GameHandle>();
        for (var i = 0; i < 24; i++)
        {
            var game = rig.Client.Game($"stranded-{i}-{Guid.NewGuid():N}");
            Assert.True((await game.CreateAsync("x", TicTacToeRules.RulesetId, cancellationToken: Ct)).Accepted);
            games.Add(game);
        }

        // What Orleans' client does when one connection attempt to a gateway fails: mark it dead and drop its connection.
        var dropped = rig.Silos[1];
        await DropGatewayAsync(rig.ClientServices, dropped.GatewayPort);
        var since = Stopwatch.StartNew();

        var answeredAfter = await Task.WhenAll(games.Select(async game =>
        {
            while (since.Elapsed < TimeSpan.FromSeconds(90))
            {
                try
                {
                    await game.Grain.GetView(null).WaitAsync(TimeSpan.FromSeconds(1), Ct);
                    return since.Elapsed;
                }
                catch (Exception exception) when (exception is TimeoutException or Orleans.Runtime.OrleansException)
                {
                    await Task.Delay(100, Ct);
                }
            }

            return since.Elapsed;
        }));

        var slowest = answeredAfter.Max();
        FailoverReport.Append(nameof(StrandedClientTests),
            $"after the client dropped a live silo's gateway every one of {games.Count} games answered within {slowest.TotalMilliseconds:F0} ms " +
            $"(median {answeredAfter.Order().ElementAt(answeredAfter.Length / 2).TotalMilliseconds:F0} ms)");
        // Generous against a loaded machine: the figure is about 3-6 s; Orleans' defaults give 60-120 s.
        Assert.True(slowest < TimeSpan.FromSeconds(25), $"the slowest game answered after {slowest}");
    }

    /// <summary>Orleans' client internals (pinned at 10.4.2): GatewayManager.MarkAsDead and ConnectionManager.CloseAsync.</summary>
    private static async Task DropGatewayAsync(IServiceProvider services, int gatewayPort)
    {
        var core = typeof(Orleans.Messaging.IGatewayListProvider).Assembly;
        var gatewayManagerType = core.GetType("Orleans.Messaging.GatewayManager", throwOnError: true)!;
        var connectionManagerType = core.GetType("Orleans.Runtime.Messaging.ConnectionManager", throwOnError: true)!;
        var gateway = Orleans.Runtime.SiloAddress.New(new IPEndPoint(IPAddress.Loopback, gatewayPort), 0);
        var gatewayManager = services.GetRequiredService(gatewayManagerType);
        var connectionManager = services.GetRequiredService(connectionManagerType);
        gatewayManagerType.GetMethod("MarkAsDead", BindingFlags.Public | BindingFlags.Instance)!.Invoke(gatewayManager, [gateway]);
        await (Task)connectionManagerType.GetMethod("CloseAsync", [typeof(Orleans.Runtime.SiloAddress)])!.Invoke(connectionManager, [gateway])!;
    }
}
