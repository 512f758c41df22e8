namespace Statecraft.Cli.Tests;

/// <summary>Classes that start a silo process run one at a time: two at once on a 2-core machine make timing bounds noise.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveSilos
{
    public const string Name = "live silos";
}
