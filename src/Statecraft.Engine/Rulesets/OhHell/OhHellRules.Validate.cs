using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;

namespace Statecraft.Engine.Rulesets.OhHell;

public sealed partial class OhHellRules
{
    /// <inheritdoc />
    protected override void Validate(GameState state, OhHellState body, ICollection<InvariantViolation> violations)
    {
        void Check(bool holds, string rule, string detail)
        {
            if (!holds)
            {
                violations.Add(new InvariantViolation(rule, detail));
            }
        }

        if (state.Round == 0)
        {
            Check(state.Phase == GamePhase.Lobby || state.Phase == GamePhase.Abandoned, "oh-hell-undealt-phase", $"{state.Phase} before the first deal");
            return;
        }

        var players = state.Players.Count;
        Check(state.Round <= body.Schedule.Count, "oh-hell-round-in-schedule", $"round {state.Round} of {body.Schedule.Count}");
        var sized = body.Hands.Count == players && body.Bids.Count == players && body.TricksWon.Count == players && body.Scores.Count == players;
        Check(sized, "oh-hell-per-seat", $"per-seat arrays do not match {players} players");
        if (!sized || state.Round > body.Schedule.Count || body.TurnUp is not { } turnUp)
        {
            return;
        }

        var handSize = HandSize(state, body);
        var cards = body.Hands.SelectMany(hand => hand).Concat(body.Trick).Concat(body.Taken).Append(turnUp).ToList();
        Check(cards.All(card => card.IsValid) && cards.Distinct().Count() == cards.Count, "oh-hell-cards-unique", "a card appears twice or is not a real card");
        Check(cards.Count == (players * handSize) + 1, "oh-hell-cards-conserved", $"{cards.Count} cards for {players} hands of {handSize} plus the turn-up");
        Check(body.Taken.Count % players == 0, "oh-hell-whole-tricks", $"{body.Taken.Count} cards taken");
        var tricksPlayed = body.TricksPlayed(players);
        Check(body.TricksWon.Sum() == tricksPlayed, "oh-hell-tricks-counted", $"{body.TricksWon.Sum()} tricks won of {tricksPlayed} played");
        // A full trick is a real (transient) state: the card that completes it is folded before the TrickTaken event.
        Check(body.Trick.Count <= players, "oh-hell-trick-size", $"{body.Trick.Count} cards in the open trick");
        for (var seat = 0; seat < players; seat++)
        {
            var playedToTrick = (seat - body.Leader + players) % players < body.Trick.Count ? 1 : 0;
            var expected = handSize - tricksPlayed - playedToTrick;
            Check(body.Hands[seat].Count == expected, "oh-hell-hand-size", $"seat {seat} holds {body.Hands[seat].Count}, expected {expected}");
            Check(body.Bids[seat] == OhHellState.NoBid || body.Bids[seat] <= handSize, "oh-hell-bid-range", $"seat {seat} bid {body.Bids[seat]}");
            Check(body.Scores[seat] >= 0, "oh-hell-score-non-negative", $"seat {seat} has {body.Scores[seat]}");
        }

        var allBid = !body.Bids.Contains(OhHellState.NoBid);
        if (state.Phase == GamePhase.Bidding)
        {
            var placed = body.Bids.Count(bid => bid != OhHellState.NoBid);
            Check(tricksPlayed == 0 && body.Trick.Count == 0, "oh-hell-no-play-while-bidding", "cards played before bidding ended");
            Check(state.Turn == state.Players[(body.Dealer + 1 + placed) % players], "oh-hell-bid-order", $"turn '{state.Turn}' after {placed} bids");
        }
        else if (state.Phase != GamePhase.Abandoned)
        {
            Check(allBid, "oh-hell-bids-complete", $"{state.Phase} with missing bids");
            Check(!body.Config.Hook || body.Bids.Sum() != handSize, "oh-hell-hook", $"bids add up to {handSize}");
        }

        if (state.Phase == GamePhase.Playing)
        {
            Check(state.Turn == state.Players[(body.Leader + body.Trick.Count) % players], "oh-hell-play-order", $"turn '{state.Turn}'");
        }

        if (state.Phase == GamePhase.RoundScored || state.Phase == GamePhase.Finished)
        {
            Check(tricksPlayed == handSize, "oh-hell-round-complete", $"{tricksPlayed} of {handSize} tricks played in {state.Phase}");
        }

        if (state.Phase == GamePhase.Finished && state.Result is { } result)
        {
            Check(result.Scores.SequenceEqual(body.Scores), "oh-hell-result-scores", "the result's scores differ from the totals");
            Check(state.Round == body.Schedule.Count, "oh-hell-finished-after-last-round", $"finished in round {state.Round}");
        }
    }
}
