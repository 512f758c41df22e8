using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Statecraft.Providers.Sqlite;

namespace Statecraft.Providers.Tests.Cluster;

public sealed class SiloRestartTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Grain_state_and_reminders_survive_a_silo_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await StartClusterAsync(ct);
        try
        {
            var grain = cluster.GrainFactory.GetGrain<IProviderTestGrain>("global");
            await grain.SetFlagAsync("new-lobby", true);
            await grain.SetFlagAsync("ranked", false);
            await grain.ScheduleDeadlineAsync();
            Assert.True(await grain.HasDeadlineAsync());
        }
        finally
        {
            await cluster.StopAllSilosAsync(ct);
            await cluster.DisposeAsync();
        }

        // Both rows are in the file itself, not in some in-memory default the test host might have supplied.
        Assert.Equal(1L, await CountRowsAsync("SELECT COUNT(*) FROM grain_state WHERE state_name = 'flags';"));
        Assert.Equal(1L, await CountRowsAsync("SELECT COUNT(*) FROM reminders WHERE reminder_name = 'deadline';"));

        var restarted = await StartClusterAsync(ct);
        try
        {
            var grain = restarted.GrainFactory.GetGrain<IProviderTestGrain>("global");
            var flags = await grain.GetFlagsAsync();
            Assert.Equal(2, flags.Revision);
            Assert.Equal(new Dictionary<string, bool> { ["new-lobby"] = true, ["ranked"] = false }, flags.Enabled);
            Assert.True(await grain.HasDeadlineAsync());

            // The new activation read the stored ETag, so it can keep writing.
            await grain.SetFlagAsync("ranked", true);
            Assert.Equal(3, (await grain.GetFlagsAsync()).Revision);
        }
        finally
        {
            await restarted.StopAllSilosAsync(ct);
            await restarted.DisposeAsync();
        }
    }

    private async Task<long> CountRowsAsync(string sql)
    {
        await using var connection = await _database.OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task<TestCluster> StartClusterAsync(CancellationToken cancellationToken)
    {
        var builder = new TestClusterBuilder(1);
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{SqliteProviderOptions.SectionName}:{nameof(SqliteProviderOptions.DataSource)}"] = _database.DatabasePath,
        }));
        builder.AddSiloBuilderConfigurator<SqliteSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync(cancellationToken);
        return cluster;
    }
}
