using Statecraft.Abstractions.Flags;
using Statecraft.Testing;

namespace Statecraft.Grains.Tests.Process;

/// <summary>The main job as a person runs it: change flags, stop the silo with a signal, start it again on the same data.</summary>
[Collection(SiloProcesses.Name)]
public sealed class SiloRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Flags_changed_at_runtime_survive_a_restart_on_the_embedded_default_and_the_silo_becomes_ready()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"statecraft-restart-{Guid.NewGuid():N}");
        string[] arguments = ["--Statecraft:FeatureFlags:Defaults:NewLobby=false"];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await using (var first = SiloProcess.StartIn(typeof(Program).Assembly.Location, directory, arguments))
            {
                await first.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(90), Ct);
                await using (var client = await SiloClient.ConnectAsync(first.GatewayPort, Ct))
                {
                    var flags = client.Cluster.GetGrain<IFeatureFlagGrain>(IFeatureFlagGrain.Key);
                    await flags.Change(new FlagChange { Name = "NewLobby", Percentage = 25, ChangedBy = "ops", Reason = "canary" });
                    await flags.Change(new FlagChange { Name = "NewLobby", GameId = "vip-1", Enabled = true, ChangedBy = "ops", Reason = "vip" });
                    await flags.Change(new FlagChange { Name = FlagNames.EnableStateSnapshots, Enabled = false, ChangedBy = "ops", Reason = "test" });
                }

                Assert.True(await first.StopGracefullyAsync(TimeSpan.FromSeconds(60)), $"the silo did not stop on SIGTERM:\n{first.Output}");
                Assert.Equal(0, first.ExitCode);
                Assert.Contains("final snapshots written", first.Output, StringComparison.Ordinal);
            }

            await using var second = SiloProcess.StartIn(typeof(Program).Assembly.Location, directory, arguments);
            await second.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(90), Ct);
            await using var again = await SiloClient.ConnectAsync(second.GatewayPort, Ct);
            var grain = again.Cluster.GetGrain<IFeatureFlagGrain>(IFeatureFlagGrain.Key);
            var snapshot = await grain.GetSnapshot();

            Assert.Equal(3, snapshot.Revision);
            Assert.Equal(25, snapshot.Flags["NewLobby"].Percentage);
            Assert.True(snapshot.IsEnabled("NewLobby", "vip-1"));
            Assert.False(snapshot.IsEnabled(FlagNames.EnableStateSnapshots));
            Assert.Equal(3, (await grain.GetAudit(10)).Count);
            // The restarted grain can keep changing flags (its ETag is current).
            Assert.Equal(4, (await grain.Change(new FlagChange { Name = FlagNames.EnableStateSnapshots, Reset = true, ChangedBy = "ops", Reason = "done" })).Revision);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
