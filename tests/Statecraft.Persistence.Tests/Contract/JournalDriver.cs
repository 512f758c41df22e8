using Microsoft.Extensions.Time.Testing;
using Statecraft.Engine.Core;
using Statecraft.Engine.Simulation;
using Statecraft.Persistence.Journal;
using Statecraft.Persistence.Policies;
using Statecraft.Persistence.Stores;

namespace Statecraft.Persistence.Tests.Contract;

/// <summary>Commits recorded games through a real <see cref="GameRepository"/>, as the game grain does.</summary>
internal sealed class JournalDriver
{
    public JournalDriver(IGameStore store, PersistenceOptions options)
    {
        Options = options;
        Clock = new FakeTimeProvider(RecordFactory.T0);
        Repository = Testing.Repositories.For(store, options, Clock);
    }

    public PersistenceOptions Options { get; }

    public FakeTimeProvider Clock { get; }

    public GameRepository Repository { get; }

    public StreamPosition Position { get; private set; } = StreamPosition.New;

    public RecentCommandWindow Window { get; private set; } = new(1_000, []);

    public List<CommitResult> Results { get; } = [];

    /// <summary>Commits every step of <paramref name="game"/> (or the first <paramref name="steps"/>) one command at a time.</summary>
    public async Task<GameState> CommitAsync(PlayedGame game, int? steps = null)
    {
        var state = game.Steps[0].Before;
        foreach (var step in game.Steps.Take(steps ?? game.Steps.Count))
        {
            state = await CommitStepAsync(step);
        }

        return state;
    }

    public async Task<GameState> CommitStepAsync(PlayedStep step, SnapshotReason? forced = null)
    {
        var after = GameDecider.Default.Fold(step.Before, step.Events);
        Window.Add(step.Command.CommandId, after.Version);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var commit = new Commit(after.GameId, step.Before.Version, [.. step.Events.Select(e => new JournaledEvent(step.Command.CommandId, e))],
            new GameSnapshot(after, Window.ToArray()), Position, after.Phase != step.Before.Phase, forced);
        var result = await Repository.CommitAsync(commit, TestContext.Current.CancellationToken);
        Assert.True(result.Append.IsDurable, $"commit at v{step.Before.Version} was {result.Append.Status}");
        Results.Add(result);
        Position = result.Position;
        return after;
    }

    public void Resume(RecoveredGame recovered)
    {
        Position = recovered.Position;
        Window = new RecentCommandWindow(1_000, recovered.Snapshot.RecentCommands);
    }
}
