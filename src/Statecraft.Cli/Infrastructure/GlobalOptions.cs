using System.CommandLine;

namespace Statecraft.Cli.Infrastructure;

/// <summary>The options every command takes: where the cluster and the store are, and how to print.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Cluster { get; } = new("--cluster")
    {
        Description = "The cluster: localhost[:PORT] (default), redis://[:PASSWORD@]HOST:PORT[?clusterId=ID] or static://ADDRESS:PORT[,…]. Default: $STATECRAFT_CLUSTER, else the Statecraft:Client settings.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("STATECRAFT_CLUSTER"),
    };

    public Option<string?> Store { get; } = new("--store")
    {
        Description = "The game store, for store-level work: sqlite:PATH, redis://[:PASSWORD@]HOST:PORT[?prefix=P] or dynamodb://TABLE[?serviceUrl=URL&region=R]. Default: $STATECRAFT_STORE, else the silo settings (Statecraft:Storage and its section).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("STATECRAFT_STORE"),
    };

    public Option<FileInfo?> Config { get; } = new("--config")
    {
        Description = "A JSON settings file in the silo's format (appsettings.json): Statecraft:Client, Statecraft:Storage and the store sections. Environment variables (Statecraft__…) override it.",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print one JSON document instead of tables (for scripts).",
        Recursive = true,
    };

    public Option<TimeSpan> Timeout { get; } = new("--timeout")
    {
        Description = "How long to wait for the cluster to answer when connecting (seconds, or 30s, 1m).",
        Recursive = true,
        DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
        CustomParser = result => Durations.Parse(result),
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show the Orleans client's warnings while connecting.",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Cluster, Store, Config, Json, Timeout, Verbose];
}
