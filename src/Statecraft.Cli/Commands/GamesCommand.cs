using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Statecraft.Abstractions.Games;
using Statecraft.Abstractions.Operations;
using Statecraft.Cli.Infrastructure;
using Statecraft.Engine.Core;
using Statecraft.Persistence.Journal;

namespace Statecraft.Cli.Commands;

/// <summary>
/// <c>statecraft games list | show | history | evict</c>: games as the store keeps them (active or not), as the cluster
/// serves them, and as they were at any stored version.
/// </summary>
internal static class GamesCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(CliIo io)
    {
        var games = new Command("games", "Inspect games: list them, show one (now, or at any stored version), read its events, evict it from memory.");
        games.Subcommands.Add(List(io));
        games.Subcommands.Add(Show(io));
        games.Subcommands.Add(History(io));
        games.Subcommands.Add(Evict(io));
        return games;
    }

    private static Argument<string> GameIdArgument() => new("id") { Description = "The game id." };

    private static Command List(CliIo io)
    {
        var phase = new Option<string?>("--phase") { Description = "Only games in this phase (for example Playing, Finished)." };
        var ruleset = new Option<string?>("--ruleset") { Description = "Only games of this ruleset (tictactoe, ohhell)." };
        var limit = new Option<int>("--limit") { Description = "At most this many games (1–100000).", DefaultValueFactory = _ => 100 };
        limit.Validators.Add(result =>
        {
            if (result.GetValue(limit) is < 1 or > 100_000)
            {
                result.AddError("--limit must be 1 to 100000.");
            }
        });
        var command = new Command("list", "Games in the store with their ruleset, phase, version and last change (reads the store).\n" +
            "Example: statecraft games list --store sqlite:data/statecraft.db --phase Playing") { phase, ruleset, limit };
        io.SetAction(command, async (context, cancellationToken) =>
        {
            await using var store = await context.OpenStoreAsync(create: false, cancellationToken);
            var wanted = new List<Persistence.Records.GameHeader>();
            string? token = null;
            do
            {
                var page = await store.Store.ListGamesAsync(token, 500, cancellationToken);
                wanted.AddRange(page.Games.Where(g =>
                    (context.Value(phase) is not { } p || g.Phase.Equals(p, StringComparison.OrdinalIgnoreCase))
                    && (context.Value(ruleset) is not { } r || g.RulesetId.Equals(r, StringComparison.OrdinalIgnoreCase))));
                token = page.ContinuationToken;
            }
            while (token is not null && wanted.Count < context.Value(limit));

            var shown = wanted.Take(context.Value(limit)).ToList();
            if (context.Json)
            {
                context.WriteJson(shown);
                return ExitCodes.Success;
            }

            var table = Tables.Create("Game", "Ruleset", "Phase", "Version", "Updated (UTC)");
            foreach (var game in shown)
            {
                table.Row(game.GameId, game.RulesetId, game.Phase, game.Version.ToString(CultureInfo.InvariantCulture), game.UpdatedAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            context.Console.Line($"{shown.Count} games{(token is null ? "" : " (more in the store: raise --limit)")}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliIo io)
    {
        var id = GameIdArgument();
        var player = new Option<string?>("--player") { Description = "Show the game as this player sees it (their hidden cards); default: a spectator's view." };
        var atVersion = new Option<long?>("--at-version") { Description = "Time travel: the game as it was right after this version (reads the store)." };
        var command = new Command("show",
            "One game: phase, players, turn, result and the ruleset's details. From the cluster (it loads the game if it is not in memory), " +
            "or from the store with --store or --at-version.\n" +
            "Examples: statecraft games show g-123 --player alice\n" +
            "          statecraft games show g-123 --at-version 40 --store redis://10.0.0.7:6379")
        { id, player, atVersion };
        io.SetAction(command, async (context, cancellationToken) =>
        {
            var gameId = context.Value(id);
            GameView? view;
            if (context.Value(atVersion) is not null || context.Parse.GetValue(io.Globals.Store) is { Length: > 0 })
            {
                view = await FromStoreAsync(context, gameId, context.Value(atVersion), context.Value(player), cancellationToken);
            }
            else
            {
                await using var connection = await context.ConnectAsync(cancellationToken);
                view = (await connection.Client.Game(gameId).GetViewAsync(context.Value(player), cancellationToken: cancellationToken)).View;
            }

            if (view is null)
            {
                throw new CliFailure(ExitCodes.Failed, $"Game {gameId} does not exist.");
            }

            PrintView(context, view);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<GameView?> FromStoreAsync(CliContext context, string gameId, long? version, string? player, CancellationToken cancellationToken)
    {
        await using var store = await context.OpenStoreAsync(create: false, cancellationToken);
        try
        {
            var state = version is { } at
                ? await store.Repository.LoadAtVersionAsync(gameId, at, cancellationToken)
                : (await store.Repository.LoadAsync(gameId, cancellationToken))?.Snapshot.State;
            if (state is null && version is { } beyond && await store.Store.LoadAsync(gameId, cancellationToken: cancellationToken) is { } head)
            {
                throw new CliFailure(ExitCodes.Failed, $"Game {gameId} is at version {head.Version}; version {beyond} does not exist yet.");
            }

            return state is null ? null : GameDecider.Default.ViewFor(state, player);
        }
        catch (GameRecoveryException unreachable) when (version is { } at)
        {
            var oldestEvent = (await store.Store.ReadEventsAsync(gameId, 1, long.MaxValue, 1, cancellationToken)).FirstAvailableVersion;
            var snapshots = await store.Store.ListSnapshotVersionsAsync(gameId, cancellationToken);
            var oldest = new[] { oldestEvent is { } e ? e : (long?)null, snapshots.Count > 0 ? snapshots.Min() : null }.Where(v => v is not null).Min();
            throw new CliFailure(ExitCodes.Failed,
                $"Version {at} of game {gameId} is before its retained history (older events were compacted away); the oldest reachable version is {oldest?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}. ({unreachable.Message})",
                unreachable);
        }
    }

    private static void PrintView(CliContext context, GameView view)
    {
        if (context.Json)
        {
            context.WriteJson(new
            {
                view.GameId,
                view.RulesetId,
                Phase = view.Phase.Name,
                view.Version,
                view.Players,
                view.Turn,
                view.Round,
                view.TurnDeadline,
                view.Result,
                view.Viewer,
                LegalMoves = view.LegalMoves.Select(m => new { m.Kind, m.Payload }),
                Details = JsonDocument.Parse(view.Details).RootElement,
            });
            return;
        }

        var table = Tables.Create("Game", view.GameId);
        table.Row("Ruleset", view.RulesetId);
        table.Row("Phase", view.Phase.Name);
        table.Row("Version", view.Version.ToString(CultureInfo.InvariantCulture));
        table.Row("Players", string.Join(", ", view.Players));
        table.Row("Turn", view.Turn);
        table.Row("Result", view.Result?.ToString());
        table.Row("Seen by", view.Viewer ?? "a spectator");
        table.Row("Details", JsonSerializer.Serialize(JsonDocument.Parse(view.Details).RootElement, Indented));
        context.Console.Write(table);
    }

    private static Command History(CliIo io)
    {
        var id = GameIdArgument();
        var from = new Option<long>("--from") { Description = "The first version to show.", DefaultValueFactory = _ => 1 };
        var limit = new Option<int>("--limit") { Description = "At most this many events (1–10000).", DefaultValueFactory = _ => 200 };
        limit.Validators.Add(result =>
        {
            if (result.GetValue(limit) is < 1 or > 10_000)
            {
                result.AddError("--limit must be 1 to 10000.");
            }
        });
        var command = new Command("history", "A game's stored events, decoded: version, time, command id, event type and content (reads the store).\n" +
            "Example: statecraft games history g-123 --from 30 --store sqlite:data/statecraft.db") { id, from, limit };
        io.SetAction(command, async (context, cancellationToken) =>
        {
            var gameId = context.Value(id);
            await using var store = await context.OpenStoreAsync(create: false, cancellationToken);
            var page = await store.Store.ReadEventsAsync(gameId, Math.Max(1, context.Value(from)), long.MaxValue, context.Value(limit), cancellationToken);
            if (page.Events.Count == 0 && await store.Store.LoadAsync(gameId, cancellationToken: cancellationToken) is null)
            {
                throw new CliFailure(ExitCodes.Failed, $"Game {gameId} does not exist in {store.Description}.");
            }

            var events = page.Events.Select(e => (Record: e, Event: store.Codec.DecodeEvent(gameId, e.Version, e.Payload))).ToList();
            if (context.Json)
            {
                context.WriteJson(new
                {
                    GameId = gameId,
                    page.FirstAvailableVersion,
                    page.NextFromVersion,
                    Events = events.Select(e => new { e.Record.Version, e.Record.At, e.Record.CommandId, Type = e.Event.GetType().Name, Event = (object)e.Event }),
                });
                return ExitCodes.Success;
            }

            var table = Tables.Create("Version", "At (UTC)", "Command", "Event");
            foreach (var (record, decoded) in events)
            {
                table.Row(record.Version.ToString(CultureInfo.InvariantCulture), record.At.UtcDateTime.ToString("u", CultureInfo.InvariantCulture), record.CommandId.ToString(), decoded.ToString());
            }

            context.Console.Write(table);
            if (page.FirstAvailableVersion is > 1 and var first)
            {
                context.Console.Line($"Events before version {first} were compacted away (a snapshot holds them).");
            }

            if (page.NextFromVersion is { } next)
            {
                context.Console.Line($"More: --from {next}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Evict(CliIo io)
    {
        var id = GameIdArgument();
        var command = new Command("evict", "Deactivates a game in the cluster: it writes its final snapshot and is loaded from the store on its next call " +
            "(use after a restore, or to check a game recovers).\nExample: statecraft games evict g-123") { id };
        io.SetAction(command, async (context, cancellationToken) =>
        {
            await using var connection = await context.ConnectAsync(cancellationToken);
            await connection.ClusterClient.GetGrain<IGameGrainControl>(context.Value(id)).Evict().WaitAsync(cancellationToken);
            if (context.Json)
            {
                context.WriteJson(new { GameId = context.Value(id), Evicted = true });
            }
            else
            {
                context.Console.Line($"Game {context.Value(id)} will deactivate when idle (its final snapshot first).");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
