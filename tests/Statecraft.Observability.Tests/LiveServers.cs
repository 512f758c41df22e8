namespace Statecraft.Observability.Tests;

/// <summary>
/// The tests that start silos, Prometheus and Alertmanager run one class at a time: side by side on a 2-core machine
/// they would turn each other's timing bounds into noise.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveServers
{
    public const string Name = "Live servers";
}
