namespace Statecraft.Silo.Hosting;

/// <summary><c>Statecraft:Kubernetes:*</c>: how far the silo relies on the Kubernetes API when it runs in a pod.</summary>
internal sealed class KubernetesSettings
{
    public const string SectionName = "Statecraft:Kubernetes";

    /// <summary>The downward-API variable holding the pod's IP address, which the silo advertises.</summary>
    public const string PodIpVariable = "POD_IP";

    /// <summary>
    /// Watch the silo pods through the Kubernetes API (Orleans' cluster agent): a deleted pod's silo is declared dead at
    /// once instead of after missed probes. Needs the Role of <c>k8s/base</c> (pods get, list, watch, patch, delete).
    /// False takes only the name, address and cluster ids from the pod's environment, for clusters that grant no API
    /// access to workloads.
    /// </summary>
    public bool ManagePods { get; set; } = true;

    /// <summary>Delete the pod of a silo the cluster declared dead, so its Deployment replaces it rather than waiting for probes.</summary>
    public bool DeleteDefunctSiloPods { get; set; } = true;
}
