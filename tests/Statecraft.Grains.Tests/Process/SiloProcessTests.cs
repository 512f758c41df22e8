using System.Net;
using Statecraft.Testing;

namespace Statecraft.Grains.Tests.Process;

[Collection(SiloProcesses.Name)]
public sealed class SiloProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_real_silo_starts_with_its_defaults_and_serves_health_metrics_and_dashboard()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await using var silo = SiloProcess.Start(typeof(Program).Assembly.Location, "--demo");
        await silo.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(90), Ct);

        // The console says where to look.
        Assert.Contains($"Dashboard: http://127.0.0.1:{silo.HttpPort}/dashboard/", silo.Output, StringComparison.Ordinal);
        Assert.Contains($"Metrics:   http://127.0.0.1:{silo.HttpPort}/metrics", silo.Output, StringComparison.Ordinal);

        using (var live = await http.GetAsync(new Uri(silo.BaseAddress, "/health/live"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        // The demo bots make moves, so Statecraft's command counters appear next to Orleans' own series.
        string metrics = string.Empty;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !metrics.Contains("statecraft_commands_total", StringComparison.Ordinal))
        {
            await Task.Delay(500, Ct);
            metrics = await http.GetStringAsync(new Uri(silo.BaseAddress, "/metrics"), Ct);
        }

        Assert.Contains("statecraft_commands_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("statecraft_store_operation_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
        Assert.Contains("statecraft_games_active{", metrics, StringComparison.Ordinal);
        Assert.Contains("\norleans_", metrics, StringComparison.Ordinal);

        using var dashboard = await http.GetAsync(new Uri(silo.BaseAddress, "/dashboard/"), Ct);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("<html", await dashboard.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
    }
}
