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

        // The console says where to look, and that the dashboard stays locked until a password is set (Production).
        Assert.Contains($"Dashboard: http://127.0.0.1:{silo.HttpPort}/dashboard/ (locked: set Statecraft:Dashboard:Password)", silo.Output, StringComparison.Ordinal);
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

        // Outside Development the dashboard asks for credentials; with no password set, none are right.
        using var anonymous = await http.GetAsync(new Uri(silo.BaseAddress, "/dashboard/"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", Assert.Single(anonymous.Headers.WwwAuthenticate).Scheme);
        using var guessed = await SendAsync(http, new Uri(silo.BaseAddress, "/dashboard/ClusterStats"), "operator", "operator-password");
        Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);
        Assert.Contains("The dashboard is locked", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_the_dashboard_serves_only_authenticated_requests_and_metrics_and_health_move_to_the_management_port()
    {
        const string Password = "a-long-test-password";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var management = FreePort.Next();
        await using var silo = SiloProcess.StartWithEnvironment(
            typeof(Program).Assembly.Location,
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Statecraft__Dashboard__Password"] = Password },
            $"--Statecraft:Management:Port={management}");
        var managementRoot = new Uri($"http://127.0.0.1:{management}");
        await WaitUntilReadyAsync(http, new Uri(managementRoot, "/health/ready"), silo);

        using (var anonymous = await http.GetAsync(new Uri(silo.BaseAddress, "/dashboard/ClusterStats"), Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var wrong = await SendAsync(http, new Uri(silo.BaseAddress, "/dashboard/ClusterStats"), "operator", Password + "x"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var page = await SendAsync(http, new Uri(silo.BaseAddress, "/dashboard/"), "operator", Password))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<html", await page.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
        }

        using (var data = await SendAsync(http, new Uri(silo.BaseAddress, "/dashboard/ClusterStats"), "operator", Password))
        {
            Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        }

        // Each port serves its own paths only, whatever Host header the caller sends.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, new Uri(managementRoot, "/metrics")));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, new Uri(managementRoot, "/health/live")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(http, new Uri(silo.BaseAddress, "/metrics")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(http, new Uri(silo.BaseAddress, "/health/ready")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(http, new Uri(managementRoot, "/dashboard/")));
        using (var spoofed = new HttpRequestMessage(HttpMethod.Get, new Uri(silo.BaseAddress, "/metrics")))
        {
            spoofed.Headers.Host = $"127.0.0.1:{management}";
            using var response = await http.SendAsync(spoofed, Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Contains($"Metrics:   http://127.0.0.1:{management}/metrics", silo.Output, StringComparison.Ordinal);
        Assert.Contains("(user operator)", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, silo.Output, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, Uri uri, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
        return await http.SendAsync(request, Ct);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, Uri uri)
    {
        using var response = await http.GetAsync(uri, Ct);
        return response.StatusCode;
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, Uri ready, SiloProcess silo)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(silo.HasExited, "The silo exited:\n" + silo.Output);
            try
            {
                using var response = await http.GetAsync(ready, Ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, Ct);
        }

        Assert.Fail("The silo did not become ready:\n" + silo.Output);
    }
}
