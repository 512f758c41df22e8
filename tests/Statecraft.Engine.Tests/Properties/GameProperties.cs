using CsCheck;
using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Simulation;

namespace Statecraft.Engine.Tests.Properties;

public sealed class GameProperties
{
    private static readonly GameDecider Decider = GameDecider.Default;

    [Fact]
    public void Random_legal_play_finishes_within_the_bound_with_invariants_after_every_event() =>
        Gen.OneOf(Scenario.TicTacToe, Scenario.OhHellShort, Scenario.OhHellFull).Sample(scenario =>
        {
            var game = scenario.Play();
            Assert.Equal(GamePhase.Finished, game.Final.Phase);
            Assert.NotNull(game.Final.Result);

            var state = GameDecider.Initial(game.Final.GameId);
            foreach (var @event in game.Events)
            {
                state = Decider.Evolve(state, @event);
                var violations = Decider.Validate(state);
                Assert.True(violations.IsEmpty, $"{scenario}: after {@event.GetType().Name} at v{state.Version}: {string.Join("; ", violations)}");
            }
        }, iter: 300);

    [Fact]
    public void Folding_the_recorded_events_gives_the_live_state() =>
        Scenario.Any.Sample(scenario =>
        {
            var game = scenario.Play();
            var replayed = Decider.Fold(GameDecider.Initial(game.Final.GameId), game.Events);
            Assert.Equal(game.Final, replayed);
            Assert.Equal(game.Events.Count(), replayed.Version);
            for (var i = 1; i < game.Steps.Count; i++)
            {
                Assert.Equal(game.Steps[i].Before, Decider.Fold(game.Steps[i - 1].Before, game.Steps[i - 1].Events));
            }
        }, iter: 200);

    [Fact]
    public void Decide_accepts_exactly_the_legal_moves() =>
        Scenario.Any.Sample(scenario =>
        {
            var game = scenario.Play();
            var commands = new SelfPlay(Decider, scenario.Seed ^ 0x5EED);
            foreach (var step in game.Steps.Where(step => step.Before.Phase != GamePhase.Lobby && step.Before.Phase != GamePhase.NotCreated))
            {
                foreach (var player in step.Before.Players.Append("stranger"))
                {
                    var legal = Decider.LegalMoves(step.Before, player).ToHashSet();
                    foreach (var move in CandidateMoves)
                    {
                        var decision = Decider.Decide(step.Before, commands.Command(player, new MakeMove(move)));
                        Assert.True(decision.IsAccepted == legal.Contains(move),
                            $"{scenario} v{step.Before.Version} {step.Before.Phase}: {player} '{move}' accepted={decision.IsAccepted} legal={legal.Contains(move)} ({decision.Rejection})");
                    }
                }
            }
        }, iter: 40);

    [Fact]
    public void Garbage_commands_never_throw_and_refusals_change_nothing() =>
        Gen.Select(Scenario.Any, Garbage.Command.Array[20, 60], Gen.ULong).Sample((scenario, garbage, pick) =>
        {
            var game = scenario.Play();
            var random = new DeterministicRandom(pick);
            foreach (var command in garbage)
            {
                var step = game.Steps[random.Next(game.Steps.Count)];
                var journal = game.Steps.TakeWhile(s => s != step).SelectMany(s => s.Events).ToList();
                var decision = Decider.Decide(step.Before, command);
                Assert.Equal(Decider.Fold(GameDecider.Initial(game.Final.GameId), journal), step.Before);
                if (decision.IsAccepted)
                {
                    Assert.NotEmpty(decision.Events);
                    var after = Decider.Fold(step.Before, decision.Events);
                    Assert.Empty(Decider.Validate(after));
                }
                else
                {
                    Assert.True(Enum.IsDefined(decision.Rejection!.Code), $"undefined code {decision.Rejection.Code}");
                    Assert.False(string.IsNullOrWhiteSpace(decision.Rejection.Message));
                    Assert.Empty(decision.Events);
                }
            }
        }, iter: 100);

    [Fact]
    public void Decide_is_deterministic_for_equal_inputs() =>
        Scenario.Any.Sample(scenario =>
        {
            var game = scenario.Play();
            var again = scenario.Play();
            Assert.Equal(game.Steps.Count, again.Steps.Count);
            for (var i = 0; i < game.Steps.Count; i++)
            {
                var (first, second) = (game.Steps[i], again.Steps[i]);
                Assert.Equal(first.Command, second.Command);
                Assert.Equal(Decider.Decide(first.Before, first.Command), Decider.Decide(second.Before, second.Command));
                Assert.Equal(first.Events, Decider.Decide(first.Before, first.Command).Events);
            }
        }, iter: 100);

    private static readonly Move[] CandidateMoves =
    [
        .. Enumerable.Range(-1, 11).Select(cell => new Move(Rulesets.TicTacToe.TicTacToeRules.PlaceKind, cell.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        .. Enumerable.Range(0, 12).Select(OhHellRules.Bid),
        .. Card.Deck.Select(OhHellRules.Play),
        OhHellRules.Deal,
        new Move("deal", "x"),
        new Move("play"),
        new Move("resign"),
    ];
}
