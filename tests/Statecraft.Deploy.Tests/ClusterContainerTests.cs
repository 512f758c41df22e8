using Statecraft.Testing;

namespace Statecraft.Deploy.Tests;

/// <summary>
/// Three silo containers clustered through Redis with Redis storage, played through the client library: a
/// <c>docker kill</c> of one, or replacing all three one by one, loses no acknowledged command and every game answers
/// again within seconds.
/// </summary>
[Collection(DockerSuite.Name)]
public sealed class ClusterContainerTests(SiloImage image)
{
    private static readonly TimeSpan SilenceBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Killing_one_of_three_containers_loses_no_acknowledged_command()
    {
        Assert.NotNull(image);
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ContainerCluster.StartRedisAsync("containers", ct);
        for (var i = 0; i < 3; i++)
        {
            await cluster.AddAsync(cluster.RedisEnvironment);
        }

        await using var connection = await cluster.ConnectAsync(ct);
        var load = TableLoad.Start(connection.Client, $"table-{cluster.ClusterId}", 12, ct);
        await Task.Delay(TimeSpan.FromSeconds(10), ct);
        var killedAt = load.Elapsed;
        await Docker.RunAsync("kill", cluster.Containers[0].Name);
        await Task.Delay(TimeSpan.FromSeconds(25), ct);
        await load.StopAsync();

        load.AssertEveryTableAnsweredAfter(killedAt, TimeSpan.FromSeconds(5), "kill");
        FailoverReport.Append("container kill (1 of 3, Redis)", load.ToString());
        Assert.True(load.LongestSilence < SilenceBound, $"a table waited {load.LongestSilence} for an answer");
        await load.AssertNothingAcknowledgedIsMissingAsync(cluster.Redis.ConnectionString, ct);
    }

    [Fact]
    public async Task Replacing_all_three_containers_one_by_one_under_load_loses_nothing()
    {
        Assert.NotNull(image);
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ContainerCluster.StartRedisAsync("rolling", ct);
        for (var i = 0; i < 3; i++)
        {
            await cluster.AddAsync(cluster.RedisEnvironment);
        }

        await using var connection = await cluster.ConnectAsync(ct);
        var load = TableLoad.Start(connection.Client, $"table-{cluster.ClusterId}", 12, ct);
        await Task.Delay(TimeSpan.FromSeconds(5), ct);

        // A rolling update as Kubernetes does it with maxSurge 1, maxUnavailable 0: the new silo is ready before the
        // old one gets SIGTERM (docker stop), which writes its games' final snapshots and leaves the cluster.
        for (var i = 0; i < 3; i++)
        {
            var old = cluster.Containers[i];
            await cluster.AddAsync(cluster.RedisEnvironment);
            await old.StopAsync();
            Assert.Equal("0", await old.InspectAsync("{{.State.ExitCode}}"));
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
        }

        var replacedAt = load.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(10), ct);
        await load.StopAsync();

        load.AssertEveryTableAnsweredAfter(replacedAt, TimeSpan.Zero, "last replacement");
        FailoverReport.Append("rolling replacement (3 containers, Redis)", load.ToString());
        Assert.True(load.LongestSilence < SilenceBound, $"a table waited {load.LongestSilence} for an answer");
        await load.AssertNothingAcknowledgedIsMissingAsync(cluster.Redis.ConnectionString, ct);
    }
}
