using Orleans.TestingHost;
using Statecraft.Providers.Sqlite;

namespace Statecraft.Providers.Tests.Cluster;

/// <summary>
/// Wires both providers from configuration, the way the silo host will: the test puts the database path under
/// <see cref="SqliteProviderOptions.SectionName"/>, so the configuration-bound overloads are the ones exercised.
/// </summary>
public sealed class SqliteSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) =>
        siloBuilder
            .UseSqliteReminderService(siloBuilder.Configuration)
            .AddSqliteGrainStorage(ProviderTestGrain.StorageName, siloBuilder.Configuration);
}
