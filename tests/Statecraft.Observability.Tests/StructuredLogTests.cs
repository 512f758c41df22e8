using System.Text.Json;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Testing;

namespace Statecraft.Observability.Tests;

/// <summary>
/// A silo on a password-protected Redis, with AWS keys in its environment (where ASP.NET Core configuration reads
/// them), logging JSON at Debug while it plays: every line is JSON, the command path carries the game, command and
/// silo as fields, and no secret appears in any line.
/// </summary>
[Collection(LiveServers.Name)]
public sealed class StructuredLogTests
{
    [Fact]
    public async Task Json_logs_carry_the_command_path_fields_and_never_a_secret()
    {
        var ct = TestContext.Current.CancellationToken;
        var password = $"redis-pw-{Guid.NewGuid():N}";
        var clusterId = $"logs-{Guid.NewGuid():N}";
        var awsSecret = $"aws-secret-{Guid.NewGuid():N}";
        var awsKeyId = $"AKIA{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        await using var redis = await RedisServer.StartAsync(password, ct);
        await using var silo = await Silos.StartAsync(
            new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = awsKeyId, ["AWS_SECRET_ACCESS_KEY"] = awsSecret },
            "--demo",
            "--Statecraft:Clustering=Redis", "--Statecraft:Storage=Redis",
            $"--Statecraft:Redis:ConnectionString={redis.ConnectionString}", $"--Statecraft:Redis:Password={password}",
            $"--Statecraft:Cluster:ClusterId={clusterId}",
            "--Logging:Console:FormatterName=json", "--Logging:Console:FormatterOptions:IncludeScopes=true",
            "--Logging:LogLevel:Default=Debug");

        // A command that logs on its path: a write after a concurrent-write conflict would, but simplest is a game the
        // test plays whose id it knows; Debug lines of the journal carry the scope.
        var gameId = $"logged-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            ["Statecraft:Client:Clustering"] = "Redis",
            ["Statecraft:Client:RedisConnectionString"] = redis.ConnectionString,
            ["Statecraft:Client:RedisPassword"] = password,
            ["Statecraft:Client:ClusterId"] = clusterId,
        };
        await using (var connection = await Silos.ConnectAsync(settings))
        {
            var game = connection.Client.Game(gameId);
            Assert.True((await game.CreateAsync("x", TicTacToeRules.RulesetId, cancellationToken: ct)).Accepted);
            Assert.True((await game.JoinAsync("x", cancellationToken: ct)).Accepted);
        }

        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        Assert.True(await silo.StopGracefullyAsync(TimeSpan.FromSeconds(60)), "the silo did not stop on SIGTERM");

        var lines = silo.OutputLines.Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
        Assert.True(lines.Count > 50, $"only {lines.Count} lines");
        var documents = new List<JsonElement>();
        foreach (var line in lines)
        {
            try
            {
                documents.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
            catch (JsonException)
            {
                Assert.Fail($"Not a JSON log line: {line}");
            }
        }

        Assert.All(documents, d => Assert.True(d.TryGetProperty("Category", out _) && d.TryGetProperty("LogLevel", out _) && d.TryGetProperty("Message", out _), d.ToString()));
        foreach (var secret in new[] { password, awsSecret, awsKeyId })
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }

        // The command path: lines logged while the test's game handled a command carry its fields in a scope.
        var scoped = documents.Where(d => d.TryGetProperty("Scopes", out var scopes) && scopes.EnumerateArray().Any(s =>
            s.ValueKind == JsonValueKind.Object && s.TryGetProperty("GameId", out var id) && id.GetString() == gameId
            && s.TryGetProperty("CommandId", out _) && s.TryGetProperty("Silo", out _))).ToList();
        Assert.True(scoped.Count > 0, "No line with the command's scope; lines naming the game:\n" + string.Join("\n", lines.Where(l => l.Contains(gameId, StringComparison.Ordinal)).Take(10)));
    }
}
