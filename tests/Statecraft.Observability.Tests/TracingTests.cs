using System.Text;
using Statecraft.Engine.Rulesets.TicTacToe;

namespace Statecraft.Observability.Tests;

/// <summary>
/// With <c>Statecraft:Telemetry:OtlpEndpoint</c> set, the silo exports traces of the command path over OTLP/HTTP: the
/// grain's command span and the store operations under it reach a collector (a local listener here). Span names are
/// protobuf strings, so they can be found in the raw body without decoding it.
/// </summary>
[Collection(LiveServers.Name)]
public sealed class TracingTests
{
    [Fact]
    public async Task Command_path_spans_reach_an_otlp_collector()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var collector = new WebhookReceiver();
        await using var silo = await Silos.StartAsync(
            "--Logging:LogLevel:Default=Warning",
            $"--Statecraft:Telemetry:OtlpEndpoint=http://127.0.0.1:{collector.Port}",
            "--Statecraft:Telemetry:OtlpProtocol=HttpProtobuf",
            "--OTEL_BSP_SCHEDULE_DELAY=500");

        var gameId = $"traced-{Guid.NewGuid():N}";
        await using (var connection = await Silos.ConnectAsync(silo))
        {
            Assert.True((await connection.Client.Game(gameId).CreateAsync("x", TicTacToeRules.RulesetId, cancellationToken: ct)).Accepted);
        }

        // Spans are exported in batches: the command's span and its store spans may come in different posts.
        var gameIdBytes = Encoding.UTF8.GetBytes(gameId);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        byte[] received;
        while (true)
        {
            received = collector.AllReceivedAt("/v1/traces");
            if (Contains(received, gameIdBytes) && Contains(received, "game command"u8) && Contains(received, "store commit"u8))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No complete command trace within 60 s ({received.Length} bytes received)");
            await Task.Delay(500, ct);
        }

        Assert.True(Contains(received, "statecraft-silo"u8), "the spans carry the service name");
    }

    private static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
