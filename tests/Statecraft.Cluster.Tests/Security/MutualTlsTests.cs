using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Statecraft.Abstractions.Flags;
using Statecraft.Client;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Testing;

namespace Statecraft.Cluster.Tests.Security;

/// <summary>
/// Mutual TLS on: two silos clustered through Redis talk to each other over TLS, a client with a certificate from the
/// cluster's CA plays and changes flags, and a client without one — no TLS, or a certificate from another CA — cannot
/// call any grain.
/// </summary>
public sealed class MutualTlsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_clients_with_a_certificate_from_the_cluster_ca_can_call_grains()
    {
        using var certificates = new TestCertificates();
        using var stranger = new TestCertificates("Someone Else's CA");
        var silo = certificates.Issue("statecraft-silo");
        var frontend = certificates.Issue("statecraft-silo", "frontend");
        var forged = stranger.Issue("statecraft-silo", "forged");
        await using var redis = await RedisServer.StartAsync(Ct);
        var clusterId = $"tls-{Guid.NewGuid():N}"[..16];
        string[] arguments =
        [
            "--Statecraft:Clustering=Redis",
            "--Statecraft:Storage=Redis",
            $"--Statecraft:Redis:ConnectionString={redis.ConnectionString}",
            $"--Statecraft:Cluster:ClusterId={clusterId}",
            "--Statecraft:Tls:Enabled=true",
            $"--Statecraft:Tls:CertificatePath={silo.CertificatePath}",
            $"--Statecraft:Tls:KeyPath={silo.KeyPath}",
            $"--Statecraft:Tls:CaPath={certificates.CaPath}",
        ];
        await using var first = SiloProcess.Start(typeof(Program).Assembly.Location, arguments);
        await using var second = SiloProcess.Start(typeof(Program).Assembly.Location, arguments);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Task.WhenAll(first.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120), Ct), second.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(120), Ct));

        Dictionary<string, string?> Client(params (string Key, string? Value)[] tls)
        {
            var settings = new Dictionary<string, string?>
            {
                ["Statecraft:Client:Clustering"] = "Redis",
                ["Statecraft:Client:RedisConnectionString"] = redis.ConnectionString,
                ["Statecraft:Client:ClusterId"] = clusterId,
            };
            foreach (var (key, value) in tls)
            {
                settings[$"Statecraft:Client:Tls:{key}"] = value;
            }

            return settings;
        }

        // The trusted client: both silos are active members (their probes ran over TLS), and games placed on either
        // silo answer through one gateway (gateway to silo over TLS).
        await using (var trusted = await ConnectAsync(Client(("Enabled", "true"), ("CertificatePath", frontend.CertificatePath), ("KeyPath", frontend.KeyPath), ("CaPath", certificates.CaPath))))
        {
            var hosts = await trusted.ClusterClient.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            Assert.Equal(2, hosts.Count);
            for (var i = 0; i < 12; i++)
            {
                var game = trusted.Client.Game($"tls-{clusterId}-{i}");
                Assert.True((await game.CreateAsync("x", TicTacToeRules.RulesetId, cancellationToken: Ct)).Accepted);
            }

            var flags = trusted.Client.Flags;
            await flags.Change(new FlagChange { Name = FlagNames.EnableStateSnapshots, Enabled = false, ChangedBy = "test", Reason = "mutual TLS" });
            Assert.False((await flags.GetSnapshot()).IsEnabled(FlagNames.EnableStateSnapshots));
        }

        // No TLS at all, and TLS with a certificate from another CA: neither gets a connection, so no grain is called.
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(Client()));
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(Client(("Enabled", "true"), ("CertificatePath", forged.CertificatePath), ("KeyPath", forged.KeyPath), ("CaPath", certificates.CaPath))));

        // The flag the refused clients might have flipped is as the trusted one left it.
        await using var check = await ConnectAsync(Client(("Enabled", "true"), ("CertificatePath", frontend.CertificatePath), ("KeyPath", frontend.KeyPath), ("CaPath", certificates.CaPath)));
        var snapshot = await check.Client.Flags.GetSnapshot();
        Assert.False(snapshot.IsEnabled(FlagNames.EnableStateSnapshots));
        Assert.Equal(1, snapshot.Revision);
        Assert.Contains("Authentication failed", first.Output + second.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_tls_setting_that_names_a_missing_file_stops_the_silo_with_the_key_named()
    {
        await using var silo = SiloProcess.Start(typeof(Program).Assembly.Location, "--Statecraft:Tls:Enabled=true", "--Statecraft:Tls:CertificatePath=/nonexistent/tls.crt");
        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)), silo.Output);
        await Task.Delay(200, Ct);
        Assert.Equal(2, silo.ExitCode);
        Assert.Contains("Statecraft:Tls:CertificatePath '/nonexistent/tls.crt' does not exist", silo.Output, StringComparison.Ordinal);
        Assert.Contains("Statecraft:Tls:KeyPath is required when Statecraft:Tls:Enabled is true", silo.Output, StringComparison.Ordinal);
    }

    private static Task<StatecraftConnection> ConnectAsync(Dictionary<string, string?> settings) =>
        StatecraftConnection.ConnectAsync(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), TimeSpan.FromSeconds(20), LogLevel.None, Ct);
}
