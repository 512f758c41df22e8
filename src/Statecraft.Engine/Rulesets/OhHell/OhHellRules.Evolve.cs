using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Events;

namespace Statecraft.Engine.Rulesets.OhHell;

public sealed partial class OhHellRules
{
    /// <inheritdoc />
    protected override GameState Evolve(GameState state, OhHellState body, GameEvent gameEvent) => gameEvent switch
    {
        // The phase stays Lobby until the first deal, which the same decision records right after this event.
        GameStarted => state with
        {
            Body = body with
            {
                Schedule = body.Config.ScheduleFor(state.Players.Count),
                Scores = EquatableArray.Repeat(0, state.Players.Count),
                LastRoundPoints = EquatableArray.Repeat(0, state.Players.Count),
            },
        },
        RoundDealt dealt => Dealt(state, body, dealt),
        BidPlaced bid => BidPlaced(state, body, bid),
        CardPlayed played => CardPlayed(state, body, played),
        TrickTaken taken => TrickTaken(state, body, taken),
        RoundScored scored => state with
        {
            Phase = GamePhase.RoundScored,
            Turn = state.Players[(body.Dealer + 1) % state.Players.Count],
            Body = body with
            {
                Scores = Enumerable.Range(0, state.Players.Count).Select(s => body.Scores[s] + scored.Points[s]).ToEquatableArray(),
                LastRoundPoints = scored.Points,
            },
        },
        _ => state,
    };

    private static GameState Dealt(GameState state, OhHellState body, RoundDealt dealt)
    {
        var players = state.Players.Count;
        var first = (dealt.Dealer + 1) % players;
        return state with
        {
            Phase = GamePhase.Bidding,
            Round = dealt.Round,
            Turn = state.Players[first],
            Body = body with
            {
                Dealer = dealt.Dealer,
                TurnUp = dealt.TurnUp,
                Hands = dealt.Hands,
                Bids = EquatableArray.Repeat(OhHellState.NoBid, players),
                TricksWon = EquatableArray.Repeat(0, players),
                Trick = [],
                Leader = first,
                Taken = [],
                LastTrick = [],
                LastTrickLeader = first,
            },
        };
    }

    private static GameState BidPlaced(GameState state, OhHellState body, BidPlaced bid)
    {
        var players = state.Players.Count;
        var seat = state.SeatOf(bid.PlayerId);
        var bids = body.Bids.SetItem(seat, bid.Bid);
        var allIn = !bids.Contains(OhHellState.NoBid);
        return state with
        {
            Phase = allIn ? GamePhase.Playing : GamePhase.Bidding,
            Turn = state.Players[allIn ? body.Leader : (seat + 1) % players],
            Body = body with { Bids = bids },
        };
    }

    private static GameState CardPlayed(GameState state, OhHellState body, CardPlayed played)
    {
        var seat = state.SeatOf(played.PlayerId);
        return state with
        {
            Turn = state.Players[(seat + 1) % state.Players.Count],
            Body = body with
            {
                Hands = body.Hands.SetItem(seat, body.Hands[seat].Remove(played.Card)),
                Trick = body.Trick.Add(played.Card),
            },
        };
    }

    private static GameState TrickTaken(GameState state, OhHellState body, TrickTaken taken)
    {
        var winner = state.SeatOf(taken.Winner);
        return state with
        {
            Turn = taken.Winner,
            Body = body with
            {
                TricksWon = body.TricksWon.SetItem(winner, body.TricksWon[winner] + 1),
                Taken = body.Taken.AddRange(body.Trick),
                LastTrick = body.Trick,
                LastTrickLeader = body.Leader,
                Trick = [],
                Leader = winner,
            },
        };
    }
}
