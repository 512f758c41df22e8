using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Statecraft.Abstractions.Grains;
using Statecraft.Client;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Persistence.Redis;

namespace Statecraft.Deploy.Tests;

/// <summary>
/// Client tables playing tic-tac-toe games one after another until stopped, recording every durable answer, when each
/// table last heard back and the longest it waited; then an audit of the acknowledged versions against the store.
/// </summary>
internal sealed class TableLoad
{
    private readonly ConcurrentDictionary<string, long> _acknowledged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _lastAnswer = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _longestSilence = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop;
    private readonly List<Task> _tables;

    private TableLoad(StatecraftClient client, string prefix, int tables, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _tables = [.. Enumerable.Range(0, tables).Select(i => PlayAsync(client, $"{prefix}-{i}", _stop.Token))];
    }

    /// <summary>Time since the load started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The longest any table waited for an answer.</summary>
    public TimeSpan LongestSilence => TimeSpan.FromTicks(_longestSilence.Values.DefaultIfEmpty(0).Max());

    public long AcknowledgedVersions => _acknowledged.Values.Sum();

    public int Games => _acknowledged.Count;

    public static TableLoad Start(StatecraftClient client, string prefix, int tables, CancellationToken cancellationToken) =>
        new(client, prefix, tables, cancellationToken);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_tables);
        _stop.Dispose();
    }

    /// <summary>Every table answered after <paramref name="moment"/> (plus <paramref name="grace"/>).</summary>
    public void AssertEveryTableAnsweredAfter(TimeSpan moment, TimeSpan grace, string what) =>
        Assert.All(_lastAnswer, pair => Assert.True(TimeSpan.FromTicks(pair.Value) > moment + grace,
            $"{pair.Key} has not answered since {TimeSpan.FromTicks(pair.Value)} ({what} at {moment})"));

    /// <summary>No acknowledged version is missing from the Redis store, and enough were acknowledged to mean something.</summary>
    public async Task AssertNothingAcknowledgedIsMissingAsync(string redisConnectionString, CancellationToken cancellationToken)
    {
        await using var store = new RedisGameStore(new RedisStoreOptions { ConnectionString = redisConnectionString }, NullLogger<RedisGameStore>.Instance);
        foreach (var (gameId, version) in _acknowledged)
        {
            var stored = await store.LoadAsync(gameId, cancellationToken: cancellationToken);
            Assert.True(stored is not null && stored.Header.Version >= version, $"{gameId}: acknowledged v{version}, stored v{stored?.Header.Version}");
        }

        Assert.True(AcknowledgedVersions > 100, $"only {AcknowledgedVersions} acknowledged versions");
    }

    public override string ToString() =>
        $"longest silence of a table {LongestSilence.TotalSeconds:F2} s, {AcknowledgedVersions} acknowledged versions over {Games} games";

    private async Task PlayAsync(StatecraftClient client, string table, CancellationToken stop)
    {
        var round = 0;
        while (!stop.IsCancellationRequested)
        {
            var gameId = $"{table}-{round++}";
            var game = client.Game(gameId);
            try
            {
                Record(await game.CreateAsync("x", TicTacToeRules.RulesetId, cancellationToken: stop));
                Record(await game.JoinAsync("x", cancellationToken: stop));
                Record(await game.JoinAsync("o", cancellationToken: stop));
                Record(await game.StartAsync("x", cancellationToken: stop));
                foreach (var (player, cell) in new[] { ("x", 0), ("o", 3), ("x", 1), ("o", 4), ("x", 2) })
                {
                    Record(await game.MoveAsync(player, TicTacToeRules.Place(cell), cancellationToken: stop));
                    await Task.Delay(200, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is TimeoutException or GameStorageUnavailableException or Orleans.Runtime.OrleansException)
            {
                // A call caught in a kill after the client's retries: this game is abandoned, the table plays on.
            }

            void Record(CommandResult result)
            {
                var now = _clock.Elapsed.Ticks;
                if (_lastAnswer.TryGetValue(table, out var previous))
                {
                    _longestSilence.AddOrUpdate(table, now - previous, (_, known) => Math.Max(known, now - previous));
                }

                _lastAnswer[table] = now;
                if (result is { Accepted: true, Durability: Durability.Durable })
                {
                    _acknowledged.AddOrUpdate(gameId, result.Version, (_, known) => Math.Max(known, result.Version));
                }
            }
        }
    }
}
