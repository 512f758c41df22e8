namespace Statecraft.Providers.Tests;

/// <summary>Grain state shaped like the feature-flag grain's: a map and a counter, serialized by Orleans' generated code.</summary>
[GenerateSerializer]
public sealed class TestFlags
{
    [Id(0)]
    public Dictionary<string, bool> Enabled { get; set; } = [];

    [Id(1)]
    public int Revision { get; set; }
}
