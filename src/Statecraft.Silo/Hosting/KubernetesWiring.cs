using System.Net;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;

namespace Statecraft.Silo.Hosting;

/// <summary>
/// <c>Statecraft:Clustering=Kubernetes</c> on top of Redis membership: Orleans' Kubernetes hosting sets the silo name
/// from <c>POD_NAME</c>, the advertised address from <c>POD_IP</c> and the cluster ids from <c>ORLEANS_SERVICE_ID</c> and
/// <c>ORLEANS_CLUSTER_ID</c> (so they match the pod labels the agent selects on), listens on every interface, and its
/// agent watches the silo pods.
/// </summary>
internal static class KubernetesWiring
{
    public static void Apply(ISiloBuilder silo, SiloSettings settings)
    {
        silo.Configure<EndpointOptions>(endpoints =>
        {
            // The pod IP, set here rather than left to the hosting package: Orleans' own default (the machine's first
            // address) is applied before the package looks, so the package's POD_IP fallback never runs. In a pod with
            // one interface the two agree; with more (a service mesh, Multus) only POD_IP is the address peers route to.
            endpoints.AdvertisedIPAddress = IPAddress.Parse(settings.AdvertisedAddress);
            endpoints.SiloPort = settings.SiloPort;
            endpoints.GatewayPort = settings.GatewayPort;
        });
        // Registered after Statecraft's ClusterOptions, so the pod's ORLEANS_* ids win over Statecraft:Cluster:*.
        silo.UseKubernetesHosting(options => options.Configure(kubernetes => kubernetes.DeleteDefunctSiloPods = settings.Kubernetes.DeleteDefunctSiloPods));
        if (!settings.Kubernetes.ManagePods)
        {
            silo.Services.RemoveAll<ILifecycleParticipant<ISiloLifecycle>>(typeof(KubernetesClusterAgent));
        }
    }

    private static void RemoveAll<TService>(this IServiceCollection services, Type implementation)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(TService) && d.ImplementationType == implementation).ToList())
        {
            services.Remove(descriptor);
        }
    }
}
