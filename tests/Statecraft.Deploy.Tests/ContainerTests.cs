using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Statecraft.Abstractions.Grains;
using Statecraft.Client;
using Statecraft.Engine.Rulesets.TicTacToe;

namespace Statecraft.Deploy.Tests;

/// <summary>The silo image as operators run it: non-root, ready on the embedded default, healthy, and stopping cleanly.</summary>
[Collection(DockerSuite.Name)]
public sealed partial class ContainerTests(SiloImage image)
{
    [Fact]
    public async Task The_image_runs_as_a_non_root_user_becomes_ready_on_sqlite_and_reports_healthy()
    {
        Assert.NotNull(image);
        var container = await SiloContainer.StartAsync();
        try
        {
            await container.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
            Assert.Equal("10001", await Docker.RunAsync("exec", container.Name, "id", "-u"));
            Assert.Equal("10001:10001", await container.InspectAsync("{{.Config.User}}"));
            // The process writes its data under /data, the volume, as the unprivileged user.
            var files = await Docker.RunAsync("exec", container.Name, "ls", "-ln", "/data");
            Assert.Matches(@"10001\s+10001\s+\d+.*statecraft\.db", files);

            var deadline = DateTime.UtcNow.AddSeconds(90);
            string health;
            while ((health = await container.InspectAsync("{{.State.Health.Status}}")) != "healthy")
            {
                Assert.True(DateTime.UtcNow < deadline, $"HEALTHCHECK says {health}");
                await Task.Delay(1000, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            await container.DisposeAsync();
        }
    }

    [Fact]
    public async Task Docker_stop_writes_final_snapshots_and_a_new_container_on_the_volume_resumes_the_games()
    {
        var volume = $"statecraft-test-{Guid.NewGuid():N}"[..28];
        var gameId = $"container-{Guid.NewGuid():N}";
        long version;
        try
        {
            await using (var first = await SiloContainer.StartAsync(volume))
            {
                await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
                await using (var connection = await ConnectAsync(first))
                {
                    var game = connection.Client.Game(gameId);
                    Assert.True((await game.CreateAsync("x", TicTacToeRules.RulesetId)).Accepted);
                    Assert.True((await game.JoinAsync("x")).Accepted);
                    Assert.True((await game.JoinAsync("o")).Accepted);
                    Assert.True((await game.StartAsync("x")).Accepted);
                    var moved = await game.MoveAsync("x", TicTacToeRules.Place(4));
                    Assert.Equal(Durability.Durable, moved.Durability);
                    version = moved.Version;
                }

                await first.StopAsync();
                Assert.Equal("0", await first.InspectAsync("{{.State.ExitCode}}"));
                var logs = await first.LogsAsync();
                var written = FinalSnapshots().Match(logs);
                Assert.True(written.Success && int.Parse(written.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1, logs);
            }

            await using var second = await SiloContainer.StartAsync(volume);
            await second.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
            await using var again = await ConnectAsync(second);
            var view = await again.Client.Game(gameId).GetViewAsync("o");
            Assert.Equal(version, view.Version);
            Assert.True((await again.Client.Game(gameId).MoveAsync("o", TicTacToeRules.Place(0))).Accepted);
        }
        finally
        {
            await Docker.RemoveVolumeAsync(volume);
        }
    }

    private static Task<StatecraftConnection> ConnectAsync(SiloContainer container) =>
        StatecraftConnection.ConnectAsync(
            new ConfigurationBuilder().AddInMemoryCollection(ClusterAddress.Parse($"localhost:{container.GatewayPort}").Settings).Build(),
            TimeSpan.FromSeconds(30), Microsoft.Extensions.Logging.LogLevel.None, CancellationToken.None);

    [GeneratedRegex(@"(?<count>\d+) final snapshots written")]
    private static partial Regex FinalSnapshots();
}
