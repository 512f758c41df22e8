using System.Globalization;
using Statecraft.Client;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Testing;

namespace Statecraft.Observability.Tests;

/// <summary>
/// A real silo playing the demo on its embedded SQLite default, scraped every second by a real Prometheus that loads
/// the shipped recording rules and alerts (evaluated every 2 s instead of 30 s), and a client that plays one game with
/// ids no metric label may ever carry.
/// </summary>
public sealed class ObservedCluster : IAsyncLifetime
{
    private StatecraftConnection? _connection;

    public SiloProcess Silo { get; private set; } = null!;

    public PrometheusServer Prometheus { get; private set; } = null!;

    public StatecraftClient Client => _connection!.Client;

    /// <summary>The probe game's id: it must never appear in <c>/metrics</c>.</summary>
    public string ProbeGameId { get; } = $"label-probe-game-{Guid.NewGuid():N}";

    /// <summary>The probe game's players' ids: they must never appear in <c>/metrics</c>.</summary>
    public IReadOnlyList<string> ProbePlayerIds { get; } = [$"label-probe-x-{Guid.NewGuid():N}", $"label-probe-o-{Guid.NewGuid():N}"];

    public async ValueTask InitializeAsync()
    {
        Silo = await Silos.StartAsync("--demo", "--Logging:LogLevel:Default=Warning", "--Statecraft:Telemetry:StorageSampleInterval=00:00:02");
        _connection = await Silos.ConnectAsync(Silo);
        await PlayProbeGameAsync();
        Prometheus = await PrometheusServer.StartAsync(PrometheusConfig(Silo, alertmanager: null), ShippedRules.ForFastEvaluation());
    }

    public async ValueTask DisposeAsync()
    {
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        await Silo.DisposeAsync();
    }

    /// <summary>A Prometheus configuration scraping <paramref name="silo"/> every second as job <c>statecraft</c>, loading both rule files.</summary>
    public static string PrometheusConfig(SiloProcess silo, Uri? alertmanager) =>
        string.Create(CultureInfo.InvariantCulture, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: [recording-rules.yml, alerts.yml]
            scrape_configs:
              - job_name: statecraft
                static_configs:
                  - targets: ['127.0.0.1:{silo.HttpPort}']
            """) + (alertmanager is null ? "" : $"""

            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ['{alertmanager.Authority}']
            """);

    /// <summary>One tic-tac-toe game to the end under the probe ids, with one illegal move (a rejected command).</summary>
    private async Task PlayProbeGameAsync()
    {
        var game = Client.Game(ProbeGameId);
        string x = ProbePlayerIds[0], o = ProbePlayerIds[1];
        Require((await game.CreateAsync(x, TicTacToeRules.RulesetId)).Accepted, "create");
        Require((await game.JoinAsync(x)).Accepted, "join x");
        Require((await game.JoinAsync(o)).Accepted, "join o");
        Require((await game.StartAsync(x)).Accepted, "start");
        Require(!(await game.MoveAsync(o, TicTacToeRules.Place(0))).Accepted, "o moving out of turn is refused");
        // x takes the top row: 0, 1, 2 while o plays 3, 4.
        foreach (var (player, cell) in new[] { (x, 0), (o, 3), (x, 1), (o, 4), (x, 2) })
        {
            Require((await game.MoveAsync(player, TicTacToeRules.Place(cell))).Accepted, $"{player} at {cell}");
        }
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"The probe game failed: {what}.");
        }
    }
}
