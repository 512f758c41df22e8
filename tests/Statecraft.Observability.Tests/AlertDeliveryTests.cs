using System.Text.Json;
using System.Text.RegularExpressions;
using Statecraft.Abstractions.Flags;
using Statecraft.Testing;

namespace Statecraft.Observability.Tests;

/// <summary>
/// An alert from the shipped rules reaches the pager through the shipped Alertmanager routes, and its resolution
/// follows: a real silo, Prometheus and Alertmanager, with only the time scale shortened (the alert's <c>for:</c>,
/// the evaluation interval and Alertmanager's grouping waits), never the rule's expression.
/// </summary>
[Collection(LiveServers.Name)]
public sealed partial class AlertDeliveryTests
{
    [Fact]
    public async Task Persistence_switched_off_reaches_the_ticket_receiver_and_its_resolution_follows()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = new WebhookReceiver();
        await using var alertmanager = await AlertmanagerServer.StartAsync(ShippedAlertmanagerConfig(receiver.Port), ct);
        await using var silo = await Silos.StartAsync("--Logging:LogLevel:Default=Warning");

        const string Alert = "StatecraftPersistenceSwitchedOff";
        await using var prometheus = await PrometheusServer.StartAsync(
            ObservedCluster.PrometheusConfig(silo, alertmanager.Url), ShippedRules.ForFastEvaluation(new Dictionary<string, string> { [Alert] = "5s" }), ct);
        await using var connection = await Silos.ConnectAsync(silo);
        var flags = connection.Client.Flags;

        // Wait until Prometheus has seen the flag on, so the alert's change is what the test caused.
        await WaitForSeriesAsync(prometheus, """statecraft_flag_enabled{flag="UseStatePersistence"} == 1""", ct);
        await flags.Change(new FlagChange { Name = FlagNames.UseStatePersistence, Enabled = false, ChangedBy = "alert-test", Reason = "prove alert delivery" });

        var firing = await receiver.WaitForAsync("/ticket", body => HasAlert(body, Alert, "firing"), TimeSpan.FromSeconds(90), ct);
        var alert = FindAlert(firing, Alert);
        Assert.Equal("ticket", alert.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal("persistence", alert.GetProperty("labels").GetProperty("component").GetString());
        Assert.EndsWith("#" + Alert.ToLowerInvariant(), alert.GetProperty("annotations").GetProperty("runbook_url").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(alert.GetProperty("annotations").GetProperty("summary").GetString()));

        await flags.Change(new FlagChange { Name = FlagNames.UseStatePersistence, Reset = true, ChangedBy = "alert-test", Reason = "prove resolution" });
        await receiver.WaitForAsync("/ticket", body => HasAlert(body, Alert, "resolved"), TimeSpan.FromSeconds(90), ct);
    }

    /// <summary>The shipped Alertmanager configuration pointed at the test's receiver, its waits shortened to seconds.</summary>
    internal static string ShippedAlertmanagerConfig(int receiverPort)
    {
        var yaml = File.ReadAllText(RepositoryRoot.File("deploy/alertmanager/alertmanager.yml"));
        yaml = WebhookHost().Replace(yaml, $"http://127.0.0.1:{receiverPort}/");
        yaml = GroupWait().Replace(yaml, "${key}: 1s");
        return RepeatInterval().Replace(GroupInterval().Replace(yaml, "${key}: 2s"), "${key}: 1h");
    }

    private static async Task WaitForSeriesAsync(PrometheusServer prometheus, string promql, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await prometheus.QueryAsync(promql, ct)).GetArrayLength() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Prometheus never returned {promql}");
            await Task.Delay(500, ct);
        }
    }

    private static bool HasAlert(JsonElement body, string name, string status) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("alerts", out var alerts)
        && alerts.EnumerateArray().Any(a => a.GetProperty("status").GetString() == status && a.GetProperty("labels").GetProperty("alertname").GetString() == name);

    private static JsonElement FindAlert(JsonElement body, string name) =>
        body.GetProperty("alerts").EnumerateArray().First(a => a.GetProperty("labels").GetProperty("alertname").GetString() == name);

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex WebhookHost();

    [GeneratedRegex(@"(?<key>group_wait):\s*\S+")]
    private static partial Regex GroupWait();

    [GeneratedRegex(@"(?<key>group_interval):\s*\S+")]
    private static partial Regex GroupInterval();

    [GeneratedRegex(@"(?<key>repeat_interval):\s*\S+")]
    private static partial Regex RepeatInterval();
}
