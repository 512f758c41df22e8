using Statecraft.Persistence.DynamoDB;
using Statecraft.Testing;

namespace Statecraft.Cluster.Tests;

/// <summary>The failover scenario, smaller, with games stored in DynamoDB (Local) and membership in Redis.</summary>
public sealed class DynamoDbFailoverTests(DynamoDbLocal dynamo) : IClassFixture<DynamoDbLocal>
{
    [Fact]
    public async Task Killing_a_silo_loses_no_acknowledged_command_stored_in_dynamodb()
    {
        var ct = TestContext.Current.CancellationToken;
        var table = DynamoDbLocal.UniqueTableName("failover");
        await using var rig = await ClusterRig.StartAsync(3,
        [
            "--Statecraft:Storage=DynamoDB",
            $"--Statecraft:DynamoDB:ServiceUrl={dynamo.ServiceUrl}",
            $"--Statecraft:DynamoDB:Region={DynamoDbLocal.Region}",
            $"--Statecraft:DynamoDB:TableName={table}",
            $"--Statecraft:DynamoDB:GrainStateTableName={table}-grains",
        ], ct);
        var scenario = new FailoverScenario(rig, games: 10);

        var (worst, beforeKill, afterKill) = await scenario.RunAsync(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6), ct);
        var summary = $"acknowledged {beforeKill} before and {afterKill} after the kill; slowest game answered {worst.TotalMilliseconds:F0} ms after it; " +
            $"errors: {string.Join(", ", scenario.Errors.Select(e => $"{e.Key}={e.Value}"))}";
        FailoverReport.Append(nameof(DynamoDbFailoverTests), summary);
        Assert.True(beforeKill > 5 && afterKill > 5, summary);
        Assert.True(worst <= FailoverBounds.EveryGameAnswersWithin, summary);

        using var store = new DynamoDbGameStore(new DynamoDbOptions { ServiceUrl = dynamo.ServiceUrl, Region = DynamoDbLocal.Region, TableName = table });
        var losses = await scenario.FindLossesAsync(store, ct);
        Assert.True(losses.Count == 0, string.Join('\n', losses.Take(20)));
    }
}
