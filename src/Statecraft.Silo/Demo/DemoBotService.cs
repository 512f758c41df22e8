using Microsoft.Extensions.Options;
using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Grains;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Persistence.Stores;

namespace Statecraft.Silo.Demo;

/// <summary>
/// Bots that keep games of every ruleset running through the real grain API, so the dashboard and metrics show live
/// activity. On start it resumes the unfinished demo games found in storage, which is how a restarted silo picks up
/// where it stopped.
/// </summary>
internal sealed partial class DemoBotService(
    IOptions<DemoOptions> options, IGrainFactory grains, IGameCatalog store, ILogger<DemoBotService> logger) : BackgroundService
{
    private const string Prefix = "demo-";

    private static readonly TimeSpan SummaryEvery = TimeSpan.FromMinutes(1);

    private long _finished;

    private static readonly Dictionary<string, (string[] Bots, GameOptions Options)> Tables = new(StringComparer.Ordinal)
    {
        [TicTacToeRules.RulesetId] = (["bot-x", "bot-o"], GameOptions.Default),
        [OhHellRules.RulesetId] = (["bot-1", "bot-2", "bot-3", "bot-4"], GameOptions.With((OhHellConfig.HandSizesKey, "5,4,3,2,1"))),
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value;
        if (!demo.Enabled)
        {
            return;
        }

        var games = await ResumableGamesAsync(stoppingToken);
        LogStarting(games.Count, demo.GamesPerRuleset);
        var tables = new List<Task>();
        foreach (var ruleset in Tables.Keys)
        {
            var resumed = games.Where(g => g.Ruleset == ruleset).Select(g => g.GameId).Take(demo.GamesPerRuleset).ToList();
            while (resumed.Count < demo.GamesPerRuleset)
            {
                resumed.Add(NewGameId(ruleset));
            }

            tables.AddRange(resumed.Select(gameId => RunTableAsync(ruleset, gameId, demo, stoppingToken)));
        }

        tables.Add(SummarizeAsync(tables.Count, stoppingToken));
        await Task.WhenAll(tables);
    }

    /// <summary>One line a minute instead of one per game, so the demo shows it is alive without flooding the console.</summary>
    private async Task SummarizeAsync(int tables, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SummaryEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var finished = Interlocked.Exchange(ref _finished, 0);
                LogSummary(finished, tables);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task<List<(string GameId, string Ruleset)>> ResumableGamesAsync(CancellationToken cancellationToken)
    {
        var found = new List<(string, string)>();
        string? token = null;
        do
        {
            var page = await store.ListGamesAsync(token, 500, cancellationToken);
            found.AddRange(page.Games.Where(g => g.GameId.StartsWith(Prefix, StringComparison.Ordinal) && !g.IsFinished).Select(g => (g.GameId, g.RulesetId)));
            token = page.ContinuationToken;
        }
        while (token is not null);
        return found;
    }

    private async Task RunTableAsync(string ruleset, string gameId, DemoOptions demo, CancellationToken stoppingToken)
    {
        var random = new Random();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PlayToTheEndAsync(ruleset, gameId, demo, random, stoppingToken);
                gameId = NewGameId(ruleset);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Keep the demo alive through failovers and restarts; the game is picked up again where it stands.
                LogTableFailed(exception, gameId);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task PlayToTheEndAsync(string ruleset, string gameId, DemoOptions demo, Random random, CancellationToken stoppingToken)
    {
        var grain = grains.GetGrain<IGameGrain>(gameId);
        var (bots, gameOptions) = Tables[ruleset];
        var view = (await grain.GetView(null)).View!;
        if (view.Phase == GamePhase.NotCreated)
        {
            await grain.Create(Guid.NewGuid(), bots[0], ruleset, gameOptions with { TurnTimeout = demo.TurnTimeout });
            view = (await grain.GetView(null)).View!;
        }

        if (view.Phase == GamePhase.Lobby)
        {
            foreach (var bot in bots.Where(b => !view.Players.Contains(b)))
            {
                await grain.Join(Guid.NewGuid(), bot);
            }

            await grain.Start(Guid.NewGuid(), bots[0]);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            view = (await grain.GetView(null)).View!;
            if (view.Phase.IsTerminal)
            {
                LogFinished(gameId, view.Result?.Reason ?? view.Phase.Name, view.Version);
                Interlocked.Increment(ref _finished);
                return;
            }

            if (view.Turn is { } player && await grain.GetLegalMoves(player) is { Count: > 0 } moves)
            {
                await grain.SubmitMove(Guid.NewGuid(), player, moves[random.Next(moves.Count)]);
            }

            await Task.Delay(demo.MoveDelay, stoppingToken);
        }
    }

    private static string NewGameId(string ruleset) => $"{Prefix}{ruleset}-{Guid.NewGuid():N}"[..(Prefix.Length + ruleset.Length + 13)];

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Demo bots starting: resuming {Resumed} unfinished games, {PerRuleset} tables per ruleset")]
    private partial void LogStarting(int resumed, int perRuleset);

    // Debug: games end every few seconds, and at Information they would bury the start-up lines that say where to look.
    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Demo game {GameId} ended ({Reason}) after {Version} events")]
    private partial void LogFinished(string gameId, string reason, long version);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Demo: {Finished} games finished in the last minute; {Tables} tables playing")]
    private partial void LogSummary(long finished, int tables);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Demo table {GameId} failed; retrying")]
    private partial void LogTableFailed(Exception exception, string gameId);
}
