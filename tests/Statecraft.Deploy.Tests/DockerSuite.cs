namespace Statecraft.Deploy.Tests;

/// <summary>Every container test shares one image build and runs one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DockerSuite : ICollectionFixture<SiloImage>
{
    public const string Name = "Docker";
}
