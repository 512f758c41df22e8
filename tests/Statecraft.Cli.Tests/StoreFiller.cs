using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Engine.Simulation;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Stores;

namespace Statecraft.Cli.Tests;

/// <summary>
/// Fills a store with self-played games of both rulesets, cut at random lengths so every phase occurs, committed as a
/// silo commits them (the repository: events, snapshots by the Production policy, pruning) in runs of a few commands.
/// </summary>
internal static class StoreFiller
{
    public static async Task<List<string>> FillAsync(IGameStore store, string prefix, int count, CancellationToken cancellationToken)
    {
        var options = new PersistenceOptions();
        PersistencePresets.TryApply("Production", options);
        var repository = Testing.Repositories.For(store, options);
        var random = new Random(20261130);
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var gameId = $"{prefix}-{i:D5}";
            var ohHell = i % 3 == 0;
            var played = new SelfPlay(GameDecider.Default, (ulong)i + 1).Play(
                gameId,
                ohHell ? OhHellRules.RulesetId : TicTacToeRules.RulesetId,
                ohHell ? GameOptions.With((OhHellConfig.HandSizesKey, "3,2,1"), (OhHellConfig.MaxPlayersKey, "4")) : GameOptions.Default,
                ohHell ? ["a", "b", "c", "d"] : ["x", "o"],
                maxMoves: random.Next(0, ohHell ? 60 : 10));
            await StoreAsync(repository, played, random, cancellationToken);
            ids.Add(gameId);
        }

        return ids;
    }

    private static async Task StoreAsync(GameRepository repository, PlayedGame played, Random random, CancellationToken cancellationToken)
    {
        var state = GameDecider.Initial(played.Final.GameId);
        var position = StreamPosition.New;
        for (var next = 0; next < played.Steps.Count;)
        {
            var run = played.Steps.Skip(next).Take(random.Next(1, 8)).ToList();
            next += run.Count;
            var after = next < played.Steps.Count ? played.Steps[next].Before : played.Final;
            var events = run.SelectMany(step => step.Events.Select(e => new JournaledEvent(step.Command.CommandId, e, CommandFingerprint.Of(step.Command)))).ToList();
            if (events.Count == 0)
            {
                continue;
            }

            var result = await repository.CommitAsync(new Commit(state.GameId, state.Version, events, new GameSnapshot(after, []), position, PhaseChanged: state.Phase != after.Phase), cancellationToken);
            Assert.True(result.Append.IsDurable, $"{state.GameId}: {result.Append}");
            position = result.Position;
            state = after;
        }
    }
}
