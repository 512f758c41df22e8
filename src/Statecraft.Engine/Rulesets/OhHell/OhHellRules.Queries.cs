using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;

namespace Statecraft.Engine.Rulesets.OhHell;

public sealed partial class OhHellRules
{
    /// <inheritdoc />
    protected override IReadOnlyList<Move> LegalMoves(GameState state, OhHellState body, string playerId)
    {
        if (state.Turn != playerId)
        {
            return [];
        }

        if (state.Phase == GamePhase.Bidding)
        {
            var handSize = HandSize(state, body);
            var bids = new List<Move>(handSize + 1);
            for (var bid = 0; bid <= handSize; bid++)
            {
                if (!IsHookForbidden(state, body, bid))
                {
                    bids.Add(Bid(bid));
                }
            }

            return bids;
        }

        if (state.Phase == GamePhase.Playing)
        {
            return [.. PlayableCards(body, state.SeatOf(playerId)).Select(Play)];
        }

        return state.Phase == GamePhase.RoundScored ? [Deal] : [];
    }

    /// <inheritdoc />
    protected override Move? DefaultMove(GameState state, OhHellState body, string playerId)
    {
        if (state.Turn != playerId)
        {
            return null;
        }

        if (state.Phase == GamePhase.Bidding)
        {
            // The lowest bid is the cautious choice for an absent player; the hook may forbid it.
            return LegalMoves(state, body, playerId) is [var lowest, ..] ? lowest : null;
        }

        if (state.Phase == GamePhase.Playing)
        {
            // Shed the cheapest card: non-trumps before trumps, low ranks before high.
            var playable = PlayableCards(body, state.SeatOf(playerId));
            return playable.Count == 0 ? null : Play(playable.MinBy(card => (card.Suit == body.Trump ? 1 : 0, card.Rank)));
        }

        return state.Phase == GamePhase.RoundScored ? Deal : null;
    }

    /// <inheritdoc />
    protected override RulesetDetails Details(GameState state, OhHellState body, string? viewer)
    {
        var seat = state.SeatOf(viewer);
        var players = state.Players.Count;
        var dealt = state.Round > 0 && !body.Hands.Equals(default(EquatableArray<EquatableArray<Card>>));
        PlayedCard[] PlayedFrom(EquatableArray<Card> cards, int leader) =>
            [.. cards.Select((card, i) => new PlayedCard(state.Players[(leader + i) % players], card.ToString()))];

        return new OhHellDetails
        {
            HandSizes = body.Schedule.Count > 0 ? body.Schedule : body.Config.ScheduleFor(Math.Max(players, OhHellConfig.MinSeats)),
            HandSize = dealt ? HandSize(state, body) : 0,
            Dealer = dealt ? state.Players[body.Dealer] : null,
            TurnUp = body.TurnUp?.ToString(),
            Trump = body.Trump is { } trump ? Card.SuitLetter(trump) : null,
            Hook = body.Config.Hook,
            Hand = dealt && seat >= 0 ? [.. body.Hands[seat].Select(card => card.ToString())] : null,
            HandCounts = dealt ? [.. body.Hands.Select(hand => hand.Count)] : [],
            Bids = dealt ? [.. body.Bids.Select(bid => bid == OhHellState.NoBid ? (int?)null : bid)] : [],
            TricksWon = dealt ? body.TricksWon : [],
            Trick = PlayedFrom(body.Trick, body.Leader),
            LastTrick = PlayedFrom(body.LastTrick, body.LastTrickLeader),
            Scores = body.Scores,
            LastRoundPoints = body.LastRoundPoints,
        };
    }

    private static List<Card> PlayableCards(OhHellState body, int seat)
    {
        var hand = body.Hands[seat];
        if (body.Trick.Count > 0 && HasSuit(hand, body.Trick[0].Suit))
        {
            var led = body.Trick[0].Suit;
            return [.. hand.Where(card => card.Suit == led)];
        }

        return [.. hand];
    }
}
