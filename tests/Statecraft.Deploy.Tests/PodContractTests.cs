using System.Net;
using Statecraft.Engine.Rulesets.TicTacToe;

namespace Statecraft.Deploy.Tests;

/// <summary>
/// The pod contract rehearsed with the image: containers given the environment a pod of <c>k8s/base</c> gets
/// (<c>Statecraft__Clustering=Kubernetes</c>, the downward-API <c>POD_*</c> and <c>ORLEANS_*</c> variables, the management
/// port, a dashboard password from a Secret) join one cluster under their pod names and pod IPs, and serve the
/// dashboard only to the operator. No API server runs here, so the pod watch is off (<c>ManagePods=false</c>).
/// </summary>
[Collection(DockerSuite.Name)]
public sealed class PodContractTests(SiloImage image)
{
    [Fact]
    public async Task Containers_with_a_pods_environment_take_their_name_address_and_cluster_from_it()
    {
        Assert.NotNull(image);
        var ct = TestContext.Current.CancellationToken;
        const string Password = "pod-contract-password";
        await using var cluster = await ContainerCluster.StartRedisAsync("pods", ct);
        var pods = new[] { ("statecraft-silo-6d5f8-abcde", "127.0.0.2"), ("statecraft-silo-6d5f8-fghij", "127.0.0.3") };
        foreach (var (name, ip) in pods)
        {
            await cluster.AddAsync(managementPort: true, environment: new Dictionary<string, string>
            {
                ["Statecraft__Clustering"] = "Kubernetes",
                ["Statecraft__Kubernetes__ManagePods"] = "false",
                ["Statecraft__Storage"] = "Redis",
                ["Statecraft__Redis__ConnectionString"] = cluster.Redis.ConnectionString,
                // The pod labels' ids win over this one.
                ["Statecraft__Cluster__ClusterId"] = "not-this-one",
                ["Statecraft__Dashboard__Password"] = Password,
                ["POD_NAME"] = name,
                ["POD_NAMESPACE"] = "statecraft",
                ["POD_IP"] = ip,
                ["ORLEANS_SERVICE_ID"] = "statecraft",
                ["ORLEANS_CLUSTER_ID"] = cluster.ClusterId,
            });
        }

        await using var connection = await cluster.ConnectAsync(ct);

        // Membership lists each silo under its pod name at its pod IP.
        var hosts = await connection.ClusterClient.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        Assert.Equal(
            pods.Select(pod => $"{pod.Item1} {pod.Item2}").Order(StringComparer.Ordinal),
            hosts.Select(host => $"{host.SiloName} {host.SiloAddress.Endpoint.Address}").Order(StringComparer.Ordinal));

        // Games play through both gateways (clients reach the pod IPs the silos advertise).
        for (var i = 0; i < 8; i++)
        {
            var game = connection.Client.Game($"pod-{cluster.ClusterId}-{i}");
            Assert.True((await game.CreateAsync("x", TicTacToeRules.RulesetId, cancellationToken: ct)).Accepted);
            Assert.True((await game.JoinAsync("x", cancellationToken: ct)).Accepted);
        }

        // Metrics and health on the management port only; the dashboard on the HTTP port, for the operator only.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var silo = cluster.Containers[0];
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, new Uri(silo.ManagementAddress, "/metrics"), null, ct));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(http, new Uri(silo.BaseAddress, "/metrics"), null, ct));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, new Uri(silo.BaseAddress, "/dashboard/"), null, ct));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, new Uri(silo.BaseAddress, "/dashboard/"), ("operator", Password), ct));

        // The image's HEALTHCHECK follows the management port.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        string health;
        while ((health = await silo.InspectAsync("{{.State.Health.Status}}")) != "healthy")
        {
            Assert.True(DateTime.UtcNow < deadline, $"HEALTHCHECK says {health}");
            await Task.Delay(1000, ct);
        }

        Assert.DoesNotContain(Password, await silo.LogsAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, Uri uri, (string User, string Password)? credentials, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (credentials is { } basic)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{basic.User}:{basic.Password}")));
        }

        using var response = await http.SendAsync(request, ct);
        return response.StatusCode;
    }
}
