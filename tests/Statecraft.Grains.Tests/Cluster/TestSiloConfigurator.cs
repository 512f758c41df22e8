using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using Statecraft.Grains.Flags;
using Statecraft.Grains.Hosting;
using Statecraft.Persistence;

namespace Statecraft.Grains.Tests.Cluster;

/// <summary>Silos as the real host configures them, with the shared store, in-memory reminders and fast timings.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["Statecraft:Persistence:SnapshotEveryEvents"] = "10",
        ["Statecraft:Persistence:SnapshotOnPhaseChange"] = "false",
        ["Statecraft:FeatureFlags:RefreshInterval"] = "00:00:00.200",
        ["Statecraft:Games:TurnReminderPeriod"] = "00:00:02",
        ["Statecraft:Games:IdleDeactivationAfter"] = "00:10:00",
        ["Statecraft:FeatureFlags:Defaults:NewScoring"] = "false",
    };

    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        siloBuilder.Services.AddGameStore(_ => SharedStore.Instance);
        // The shipped rulesets plus one with a planted defect, for the invariant checks.
        siloBuilder.Services.AddSingleton(new Engine.Core.GameDecider(new Engine.Core.RulesetRegistry(
            [new Engine.Rulesets.TicTacToe.TicTacToeRules(), new Engine.Rulesets.OhHell.OhHellRules(), new FaultyRuleset()])));
        siloBuilder.UseInMemoryReminderService();
        siloBuilder.AddMemoryGrainStorage(FeatureFlagGrain.StorageName);
        siloBuilder.AddMemoryGrainStorage(Statecraft.Grains.Lobby.GameDirectoryGrain.StorageName);
        siloBuilder.AddStatecraftGrains(configuration);
        siloBuilder.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        siloBuilder.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(1);
            options.NumMissedProbesLimit = 2;
        });
    }
}

/// <summary>A client that gives up on a dead gateway in seconds.</summary>
public sealed class TestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(5));
}
