using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;
using Statecraft.Silo.Hosting;
using Statecraft.Testing;

namespace Statecraft.Grains.Tests.Process;

/// <summary>
/// <c>Statecraft:Clustering=Kubernetes</c>: the silo's name, address and cluster ids come from the variables a pod
/// gets from the downward API, and outside a pod the silo says so instead of failing inside Orleans. Orleans reads
/// those variables from the process environment, so this runs in the collection that runs alone.
/// </summary>
[Collection(SiloProcesses.Name)]
public sealed class KubernetesWiringTests
{
    private static readonly Dictionary<string, string> Pod = new()
    {
        ["POD_NAME"] = "statecraft-silo-7f9c4-x2x8q",
        ["POD_NAMESPACE"] = "statecraft",
        ["POD_IP"] = "127.0.0.42",
        ["ORLEANS_SERVICE_ID"] = "statecraft",
        ["ORLEANS_CLUSTER_ID"] = "production-blue",
    };

    [Fact]
    public async Task In_a_pod_the_silo_takes_its_name_address_and_cluster_ids_from_the_pod_environment()
    {
        using var environment = new ProcessEnvironment(Pod);
        int siloPort = FreePort.Next(), gatewayPort = FreePort.Next();
        await using var app = Build(new()
        {
            ["Statecraft:Kubernetes:ManagePods"] = "false",
            ["Statecraft:Cluster:SiloPort"] = $"{siloPort}",
            ["Statecraft:Cluster:GatewayPort"] = $"{gatewayPort}",
        });

        Assert.Equal("statecraft-silo-7f9c4-x2x8q", app.Services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName);
        var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal(IPAddress.Parse("127.0.0.42"), endpoints.AdvertisedIPAddress);
        Assert.Equal(siloPort, endpoints.SiloPort);
        Assert.Equal(gatewayPort, endpoints.GatewayPort);
        // A pod is reached on its own IP through every interface.
        Assert.Equal(new IPEndPoint(IPAddress.Any, siloPort), endpoints.SiloListeningEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Any, gatewayPort), endpoints.GatewayListeningEndpoint);
        // The pod's ids win over Statecraft:Cluster:*, so they match the labels the agent selects pods by.
        var cluster = app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal("production-blue", cluster.ClusterId);
        Assert.Equal("statecraft", cluster.ServiceId);
        // The HTTP address this silo reports to operators (listening on every interface) is the pod's.
        Assert.StartsWith("http://127.0.0.42:", app.Services.GetRequiredService<Statecraft.Grains.Operations.SiloHttpAddress>().Url, StringComparison.Ordinal);
        // ManagePods=false: no agent talks to the Kubernetes API.
        Assert.DoesNotContain(app.Services.GetServices<ILifecycleParticipant<ISiloLifecycle>>(), participant => participant is KubernetesClusterAgent);
        Assert.True(app.Services.GetRequiredService<IOptions<KubernetesHostingOptions>>().Value.DeleteDefunctSiloPods);
    }

    [Fact]
    public void Watching_pods_outside_a_pod_stops_start_up_with_the_key_and_the_fix_named()
    {
        using var environment = new ProcessEnvironment(Pod);
        var failure = Assert.Throws<SiloStartupException>(() => Build([]));
        Assert.Contains("Statecraft:Clustering is Kubernetes, but this process is not in a Kubernetes pod", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Statecraft:Kubernetes:ManagePods=false", failure.Message, StringComparison.Ordinal);
        Assert.Equal(SiloExitCodes.InvalidConfiguration, failure.ExitCode);
    }

    [Theory]
    [InlineData("status.podIP", "POD_IP 'status.podIP' is not an IP address")]
    [InlineData("", "Statecraft:Clustering is Kubernetes but POD_IP is not set")]
    public void A_missing_or_malformed_pod_ip_is_refused_with_the_variable_named(string podIp, string message)
    {
        using var environment = new ProcessEnvironment(new Dictionary<string, string>(Pod) { ["POD_IP"] = podIp });
        var failure = Assert.Throws<OptionsValidationException>(() => Build(new() { ["Statecraft:Kubernetes:ManagePods"] = "false" }));
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = $"http://+:{FreePort.Next()}", // as in the image
            ["Statecraft:Clustering"] = "Kubernetes",
            ["Statecraft:Storage"] = "Memory",
            // Nothing connects: the app is built, never started.
            ["Statecraft:Redis:ConnectionString"] = "127.0.0.1:1",
            ["Statecraft:Cluster:ClusterId"] = "from-settings",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddStatecraftSilo();
        return builder.Build();
    }

    /// <summary>Sets process environment variables for one test and restores the previous values.</summary>
    private sealed class ProcessEnvironment : IDisposable
    {
        private readonly Dictionary<string, string?> _previous = [];

        public ProcessEnvironment(IReadOnlyDictionary<string, string> variables)
        {
            foreach (var (name, value) in variables)
            {
                _previous[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _previous)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
