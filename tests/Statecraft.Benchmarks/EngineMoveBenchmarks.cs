using BenchmarkDotNet.Attributes;
using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Engine.Simulation;

namespace Statecraft.Benchmarks;

/// <summary>
/// Decide + Evolve per move, measured over every move of a batch of recorded random games so that all phases
/// (bidding, playing, trick ends, round scoring, deals) are represented in proportion.
/// </summary>
[MemoryDiagnoser]
public class EngineMoveBenchmarks
{
    private const int Games = 100;
    private const int MovesPerInvoke = 4_096;
    private readonly GameDecider _decider = GameDecider.Default;
    private PlayedStep[] _moves = [];

    [Params(TicTacToeRules.RulesetId, OhHellRules.RulesetId)]
    public string Ruleset { get; set; } = TicTacToeRules.RulesetId;

    [GlobalSetup]
    public void RecordGames()
    {
        string[] players = Ruleset == TicTacToeRules.RulesetId ? ["x", "o"] : ["a", "b", "c", "d"];
        _moves = [.. Enumerable.Range(0, Games)
            .SelectMany(seed => new SelfPlay(_decider, (ulong)seed).Play($"g{seed}", Ruleset, GameOptions.Default, players, 10_000).Steps)
            .Where(step => step.Command.Action is MakeMove)];
    }

    /// <summary>One operation is one move: decide it on the recorded state, then fold its events.</summary>
    [Benchmark(OperationsPerInvoke = MovesPerInvoke)]
    public long DecideAndEvolve()
    {
        long version = 0;
        var index = 0;
        for (var i = 0; i < MovesPerInvoke; i++)
        {
            var step = _moves[index];
            index = index + 1 == _moves.Length ? 0 : index + 1;
            var decision = _decider.Decide(step.Before, step.Command);
            version += _decider.Fold(step.Before, decision.Events).Version;
        }

        return version;
    }
}
