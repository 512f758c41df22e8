using System.Net;
using System.Net.Sockets;
using Statecraft.Testing;

namespace Statecraft.Grains.Tests.Process;

/// <summary>
/// Configuration mistakes stop the silo with one clear message that names the key, the value and the fix, and a
/// documented exit code — not a crash with a stack trace half-way through start-up.
/// </summary>
[Collection(SiloProcesses.Name)]
public sealed class SiloStartupErrorTests
{
    public static TheoryData<string[], int, string> Mistakes() => new()
    {
        { ["--Statecraft:Storage=Sqlx"], 2, "Statecraft:Storage 'Sqlx' is unknown" },
        { ["--Statecraft:Persistence:Preset=Fastest"], 2, "Statecraft:Persistence:Preset 'Fastest' is unknown" },
        { ["--Statecraft:Games:StoreWriteAttempts=0"], 2, "Statecraft:Games:StoreWriteAttempts must be 1 to 10" },
        { ["--Statecraft:Cluster:ClientDropTimeout=00:00:00.200"], 2, "Statecraft:Cluster:ClientDropTimeout must be from 1 second to 10 minutes" },
        { ["--Statecraft:Sqlite:DataSource=/proc/statecraft/games.db"], 4, "Statecraft:Sqlite:DataSource is '/proc/statecraft/games.db'" },
        { ["--Statecraft:Dashboard:Password=short"], 2, "Statecraft:Dashboard:Password must be at least 12 characters" },
        { ["--Statecraft:Dashboard:Authentication=Cookie"], 2, "Statecraft:Dashboard:Authentication 'Cookie' is unknown" },
        { ["--Statecraft:Management:Port=http"], 2, "Statecraft:Management:Port 'http' is not a port number" },
        { ["--Statecraft:Management:Port=70000"], 2, "Statecraft:Management:Port must be from 1 to 65535" },
        { ["--Statecraft:Kubernetes:ManagePods=maybe"], 2, "'Statecraft:Kubernetes:ManagePods' to type 'System.Boolean'" },
        { ["--Statecraft:Cluster:SiloPort=eleven"], 2, "'Statecraft:Cluster:SiloPort' to type 'System.Int32'" },
        { ["--Statecraft:Tls:Enabled=maybe"], 2, "'Statecraft:Tls:Enabled' to type 'System.Boolean'" },
        { ["--Statecraft:Telemetry:StorageSampleInterval=00:00:00.010"], 2, "Statecraft:Telemetry:StorageSampleInterval must be from 1 second to 1 hour" },
        { ["--Statecraft:Telemetry:StoragePlanBytes=-5"], 2, "Statecraft:Telemetry:StoragePlanBytes must be a positive number of bytes" },
        { ["--Statecraft:Telemetry:OtlpEndpoint=collector:4317"], 2, "Statecraft:Telemetry:OtlpEndpoint 'collector:4317' must be an absolute http:// or https:// URL" },
        { ["--Statecraft:Telemetry:OtlpProtocol=Carrier"], 2, "Statecraft:Telemetry:OtlpProtocol 'Carrier' is unknown" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_configuration_mistake_is_one_message_naming_the_key_and_a_documented_exit_code(string[] arguments, int exitCode, string message)
    {
        await using var silo = SiloProcess.Start(typeof(Program).Assembly.Location, ["--demo", .. arguments]);

        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"the silo kept running:\n{silo.Output}");
        await Task.Delay(200, TestContext.Current.CancellationToken); // the last output lines
        Assert.Equal(exitCode, silo.ExitCode);
        Assert.Equal(1, Occurrences(silo.Output, message));
        Assert.DoesNotContain("Unhandled exception", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_port_stops_the_silo_before_anything_starts_and_names_the_port()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((IPEndPoint)holder.LocalEndpoint).Port;

        await using var silo = SiloProcess.Start(typeof(Program).Assembly.Location, "--demo", $"--Statecraft:Cluster:GatewayPort={taken}");

        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"the silo kept running:\n{silo.Output}");
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal(3, silo.ExitCode);
        Assert.Contains($"Port {taken} on 127.0.0.1 (Statecraft:Cluster:GatewayPort) is already in use", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo bots starting", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Migrated", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_management_port_stops_the_silo_before_anything_starts_and_names_the_key()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((IPEndPoint)holder.LocalEndpoint).Port;

        await using var silo = SiloProcess.Start(typeof(Program).Assembly.Location, $"--Statecraft:Management:Port={taken}");

        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"the silo kept running:\n{silo.Output}");
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal(3, silo.ExitCode);
        Assert.Contains($"Port {taken} on 127.0.0.1 (Statecraft:Management:Port) is already in use", silo.Output, StringComparison.Ordinal);
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
