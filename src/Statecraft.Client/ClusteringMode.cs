namespace Statecraft.Client;

/// <summary>How the client finds the silos' gateways (<c>Statecraft:Client:Clustering</c>), as the silos find each other.</summary>
public enum ClusteringMode
{
    /// <summary>One silo on this machine, at <see cref="StatecraftClientOptions.GatewayPort"/>.</summary>
    Localhost,

    /// <summary>The silos' membership table in Redis.</summary>
    Redis,

    /// <summary>
    /// A fixed list of gateways, <see cref="StatecraftClientOptions.Gateways"/>: a frontend pinned to some silos, or one
    /// that cannot reach the membership store.
    /// </summary>
    Static,
}
