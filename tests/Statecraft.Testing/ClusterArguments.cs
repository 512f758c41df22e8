namespace Statecraft.Testing;

/// <summary>Command-line settings tests give silo processes.</summary>
public static class ClusterArguments
{
    /// <summary>A silo clustered through <paramref name="redis"/> as cluster <paramref name="clusterId"/>, with its games stored there too, logging warnings only.</summary>
    public static string[] OnRedis(RedisServer redis, string clusterId) =>
    [
        "--Statecraft:Clustering=Redis",
        "--Statecraft:Storage=Redis",
        $"--Statecraft:Redis:ConnectionString={redis.ConnectionString}",
        $"--Statecraft:Cluster:ClusterId={clusterId}",
        "--Logging:LogLevel:Default=Warning",
    ];
}
