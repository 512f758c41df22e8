using Statecraft.Abstractions.Flags;
using Statecraft.Abstractions.Grains;
using Statecraft.Abstractions.Operations;
using Statecraft.Client;
using Statecraft.Engine.Rulesets.TicTacToe;

namespace Statecraft.Cli.Operations;

/// <summary>What rollback and verify ask of a live cluster: the silos' reports, flag propagation, and a short real game.</summary>
internal sealed class ClusterProbe(StatecraftConnection connection)
{
    public IFeatureFlagGrain Flags => connection.ClusterClient.GetGrain<IFeatureFlagGrain>(IFeatureFlagGrain.Key);

    public async Task<IReadOnlyList<SiloReport>> ReportsAsync(CancellationToken cancellationToken)
    {
        var active = await connection.ClusterClient.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken).ConfigureAwait(false);
        var reports = await connection.ClusterClient.GetGrain<ISiloReportsGrain>(ISiloReportsGrain.Key).GetReports().WaitAsync(cancellationToken).ConfigureAwait(false);
        var addresses = active.Keys.Select(a => a.ToParsableString()).ToHashSet(StringComparer.Ordinal);
        return [.. reports.Where(r => addresses.Contains(r.Silo))];
    }

    /// <summary>Waits until every active silo reports flag revision <paramref name="revision"/> or later; how long it took, or null on timeout.</summary>
    public async Task<TimeSpan?> WaitForFlagsAsync(long revision, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < timeout)
        {
            var active = await connection.ClusterClient.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken).ConfigureAwait(false);
            var reports = await ReportsAsync(cancellationToken).ConfigureAwait(false);
            if (reports.Count >= active.Count && reports.All(r => r.FlagRevision >= revision))
            {
                return DateTime.UtcNow - started;
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>
    /// Plays a short tic-tac-toe game through the client library under <paramref name="gameId"/> and returns how each
    /// accepted command was acknowledged; throws with the refusal when a command is not accepted.
    /// </summary>
    public async Task<IReadOnlyList<Durability>> PlayShortGameAsync(string gameId, CancellationToken cancellationToken)
    {
        var game = connection.Client.Game(gameId);
        var results = new List<CommandResult>
        {
            await game.CreateAsync("x", TicTacToeRules.RulesetId, cancellationToken: cancellationToken).ConfigureAwait(false),
            await game.JoinAsync("x", cancellationToken: cancellationToken).ConfigureAwait(false),
            await game.JoinAsync("o", cancellationToken: cancellationToken).ConfigureAwait(false),
            await game.StartAsync("x", cancellationToken: cancellationToken).ConfigureAwait(false),
            await game.MoveAsync("x", TicTacToeRules.Place(4), cancellationToken: cancellationToken).ConfigureAwait(false),
        };
        return results.FirstOrDefault(r => !r.Accepted) is { } refused
            ? throw new InvalidOperationException($"a command of {gameId} was refused: {refused}")
            : [.. results.Select(r => r.Durability)];
    }
}
