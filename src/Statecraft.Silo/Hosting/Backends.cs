namespace Statecraft.Silo.Hosting;

/// <summary>How silos find each other (<c>Statecraft:Clustering</c>).</summary>
internal enum ClusteringMode
{
    /// <summary>One silo on this machine (development, the embedded default).</summary>
    Localhost,

    /// <summary>Membership and reminders in Redis: several silos, on several machines.</summary>
    Redis,

    /// <summary>
    /// Redis membership and reminders, plus Orleans' Kubernetes hosting: the silo takes its name, address and cluster
    /// ids from the pod (<c>POD_NAME</c>, <c>POD_IP</c>, <c>POD_NAMESPACE</c>, <c>ORLEANS_*</c>) and watches the pods.
    /// </summary>
    Kubernetes,
}

/// <summary>Where games (and the flags' grain state) are stored (<c>Statecraft:Storage</c>).</summary>
internal enum StorageBackend
{
    /// <summary>An embedded SQLite file: one machine, the default.</summary>
    Sqlite,

    /// <summary>Redis.</summary>
    Redis,

    /// <summary>Amazon DynamoDB (or DynamoDB Local).</summary>
    DynamoDB,

    /// <summary>Memory only: throwaway silos; nothing survives a restart.</summary>
    Memory,
}
