namespace Statecraft.Grains.Tests.Process;

/// <summary>
/// Tests that start real silo processes run alone, after the in-process cluster tests: two silos starting at once
/// beside the test clusters would compete for a 2-core machine's CPU and turn timing bounds into noise.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SiloProcesses
{
    public const string Name = "silo processes";
}
