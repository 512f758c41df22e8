using System.Reflection;

namespace Statecraft.Persistence.Tests;

/// <summary>The persistence layer, backends included, stays Orleans-free (docs/architecture.md, "Layers").</summary>
public sealed class ArchitectureTests
{
    public static TheoryData<string> PersistenceAssemblies() =>
    [
        typeof(Statecraft.Persistence.Journal.GameSession).Assembly.GetName().Name!,
        typeof(Statecraft.Persistence.Sqlite.SqliteGameStore).Assembly.GetName().Name!,
        typeof(Statecraft.Persistence.Redis.RedisGameStore).Assembly.GetName().Name!,
        typeof(Statecraft.Persistence.DynamoDB.DynamoDbGameStore).Assembly.GetName().Name!,
    ];

    [Theory]
    [MemberData(nameof(PersistenceAssemblies))]
    public void Persistence_assemblies_reference_no_orleans_runtime(string assemblyName)
    {
        var referenced = Assembly.Load(assemblyName).GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(referenced, name => name.StartsWith("Orleans", StringComparison.Ordinal) && name != "Orleans.Serialization.Abstractions");
    }
}
