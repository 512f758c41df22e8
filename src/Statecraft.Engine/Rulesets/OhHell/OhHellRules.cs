using System.Collections.Immutable;
using System.Globalization;
using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Events;

namespace Statecraft.Engine.Rulesets.OhHell;

/// <summary>
/// "Oh Hell" (Contract Whist family) for 3–7 players with a 52-card deck. Each round deals a hand size from the
/// schedule and turns up the next card for trump. Bidding starts left of the dealer; with the hook rule the dealer,
/// bidding last, may not make the bids add up to the number of tricks. The player left of the dealer leads; players
/// must follow suit when they can; the highest trump, else the highest card of the led suit, takes the trick and
/// leads the next. Scoring: a player who takes exactly the tricks bid scores 10 + bid, anyone else scores 0.
/// After a round is scored the next dealer (one seat left) deals; after the last round the highest total wins
/// (ties share the win).
/// Moves: <c>bid</c> with a number, <c>play</c> with a card such as <c>QH</c>, and <c>deal</c>.
/// </summary>
public sealed partial class OhHellRules : Ruleset<OhHellState>
{
    /// <summary>The ruleset id.</summary>
    public const string RulesetId = "oh-hell";

    /// <summary>Move kind: bid a number of tricks.</summary>
    public const string BidKind = "bid";

    /// <summary>Move kind: play a card.</summary>
    public const string PlayKind = "play";

    /// <summary>Move kind: deal the next round (the next dealer, once a round is scored).</summary>
    public const string DealKind = "deal";

    /// <summary>Points for making the bid exactly, on top of the bid itself.</summary>
    public const int ExactBidBonus = 10;

    /// <inheritdoc />
    public override string Id => RulesetId;

    /// <inheritdoc />
    public override int MinPlayers => OhHellConfig.MinSeats;

    /// <summary>The move that bids <paramref name="tricks"/>.</summary>
    public static Move Bid(int tricks) => new(BidKind, tricks.ToString(CultureInfo.InvariantCulture));

    /// <summary>The move that plays <paramref name="card"/>.</summary>
    public static Move Play(Card card) => new(PlayKind, card.ToString());

    /// <summary>The move that deals the next round.</summary>
    public static Move Deal { get; } = new(DealKind);

    /// <inheritdoc />
    protected override int MaxPlayers(OhHellState body) => body.Config.MaxPlayers;

    /// <inheritdoc />
    protected override Result<OhHellState> ConfigureBody(GameOptions options)
    {
        var config = OhHellConfig.Parse(options);
        return config.IsSuccess ? new OhHellState { Config = config.Value } : config.Rejection;
    }

    /// <inheritdoc />
    protected override Decision Start(GameState lobby, OhHellState body, DecisionContext context)
    {
        var schedule = body.Config.ScheduleFor(lobby.Players.Count);
        return Decision.Accept(DealRound(1, 0, schedule[0], lobby.Players.Count, context.Random));
    }

    /// <inheritdoc />
    protected override Decision DecideMove(GameState state, OhHellState body, Move move, DecisionContext context) => move.Kind switch
    {
        BidKind => DecideBid(state, body, move, context.PlayerId),
        PlayKind => DecidePlay(state, body, move, context.PlayerId),
        DealKind => DecideDeal(state, body, move, context),
        _ => Decision.Reject(RejectionCode.MalformedCommand, $"Unknown move {GameLimits.Echo(move.Kind)}; use '{BidKind}', '{PlayKind}' or '{DealKind}'."),
    };

    private static Decision DecideBid(GameState state, OhHellState body, Move move, string playerId)
    {
        if (CheckTurn(state, GamePhase.Bidding, playerId) is { } refused)
        {
            return refused;
        }

        if (!int.TryParse(move.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var bid))
        {
            return Decision.Reject(RejectionCode.MalformedCommand, $"{GameLimits.Echo(move.Payload)} is not a number of tricks.");
        }

        var handSize = HandSize(state, body);
        if (bid > handSize)
        {
            return Decision.Reject(RejectionCode.BidOutOfRange, $"Bid {bid} is more than the {handSize} tricks this round.");
        }

        if (IsHookForbidden(state, body, bid))
        {
            return Decision.Reject(RejectionCode.HookRule, $"As the last bidder you may not bid {bid}: the bids would add up to the {handSize} tricks.");
        }

        return Decision.Accept(new BidPlaced(playerId, bid));
    }

    private static Decision DecidePlay(GameState state, OhHellState body, Move move, string playerId)
    {
        if (CheckTurn(state, GamePhase.Playing, playerId) is { } refused)
        {
            return refused;
        }

        if (!Card.TryParse(move.Payload, out var card))
        {
            return Decision.Reject(RejectionCode.MalformedCommand, $"{GameLimits.Echo(move.Payload)} is not a card; write rank then suit, such as QH or TS.");
        }

        var seat = state.SeatOf(playerId);
        var hand = body.Hands[seat];
        if (!hand.Contains(card))
        {
            return Decision.Reject(RejectionCode.CardNotInHand, $"{card} is not in your hand.");
        }

        if (body.Trick.Count > 0 && card.Suit != body.Trick[0].Suit && HasSuit(hand, body.Trick[0].Suit))
        {
            return Decision.Reject(RejectionCode.MustFollowSuit, $"You must follow {body.Trick[0].Suit} while you hold one.");
        }

        var played = new CardPlayed(playerId, card);
        var players = state.Players.Count;
        if (body.Trick.Count + 1 < players)
        {
            return Decision.Accept(played);
        }

        var winnerSeat = (body.Leader + TrickWinnerIndex(body.Trick.Add(card), body.Trump)) % players;
        var taken = new TrickTaken(state.Players[winnerSeat]);
        if (body.TricksPlayed(players) + 1 < HandSize(state, body))
        {
            return Decision.Accept(played, taken);
        }

        var points = ScoreRound(body, body.TricksWon.SetItem(winnerSeat, body.TricksWon[winnerSeat] + 1));
        var scored = new RoundScored(state.Round, points);
        if (state.Round < body.Schedule.Count)
        {
            return Decision.Accept(played, taken, scored);
        }

        var totals = Enumerable.Range(0, players).Select(s => body.Scores[s] + points[s]).ToEquatableArray();
        var best = totals.Max();
        var winners = Enumerable.Range(0, players).Where(s => totals[s] == best).Select(s => state.Players[s]).ToEquatableArray();
        return Decision.Accept(played, taken, scored, new GameFinished(winners, totals, "final-round"));
    }

    private static Decision DecideDeal(GameState state, OhHellState body, Move move, DecisionContext context)
    {
        if (CheckTurn(state, GamePhase.RoundScored, context.PlayerId) is { } refused)
        {
            return refused;
        }

        if (!string.IsNullOrEmpty(move.Payload))
        {
            return Decision.Reject(RejectionCode.MalformedCommand, $"'{DealKind}' takes no payload.");
        }

        var players = state.Players.Count;
        var round = state.Round + 1;
        return Decision.Accept(DealRound(round, (body.Dealer + 1) % players, body.Schedule[round - 1], players, context.Random));
    }

    private static Decision? CheckTurn(GameState state, GamePhase phase, string playerId)
    {
        if (state.Phase != phase)
        {
            return Decision.Reject(RejectionCode.WrongPhase, $"That move belongs to {phase}; the game is in {state.Phase}.");
        }

        return state.Turn == playerId ? (Decision?)null : Decision.Reject(RejectionCode.NotYourTurn, $"It is {state.Turn}'s turn.");
    }

    private static RoundDealt DealRound(int round, int dealer, int handSize, int players, DeterministicRandom random)
    {
        Span<Card> deck = [.. Card.Deck];
        random.Shuffle(deck);
        var hands = ImmutableArray.CreateBuilder<EquatableArray<Card>>(players);
        for (var seat = 0; seat < players; seat++)
        {
            var hand = deck.Slice(seat * handSize, handSize).ToArray();
            Array.Sort(hand, Card.DisplayOrder);
            hands.Add([.. hand]);
        }

        return new RoundDealt(round, dealer, hands.MoveToImmutable(), deck[players * handSize]);
    }

    private static EquatableArray<int> ScoreRound(OhHellState body, EquatableArray<int> tricksWon)
    {
        var points = new int[tricksWon.Count];
        for (var seat = 0; seat < points.Length; seat++)
        {
            points[seat] = body.Bids[seat] == tricksWon[seat] ? ExactBidBonus + body.Bids[seat] : 0;
        }

        return [.. points];
    }

    /// <summary>Index within <paramref name="trick"/> (play order) of the card that takes it.</summary>
    internal static int TrickWinnerIndex(EquatableArray<Card> trick, Suit? trump)
    {
        var best = 0;
        for (var i = 1; i < trick.Count; i++)
        {
            if (Beats(trick[i], trick[best], trick[0].Suit, trump))
            {
                best = i;
            }
        }

        return best;
    }

    private static bool Beats(Card challenger, Card holder, Suit led, Suit? trump)
    {
        if (challenger.Suit == holder.Suit)
        {
            return challenger.Rank > holder.Rank;
        }

        return challenger.Suit == trump || (challenger.Suit == led && holder.Suit != trump);
    }

    private static bool HasSuit(EquatableArray<Card> hand, Suit suit)
    {
        foreach (var card in hand)
        {
            if (card.Suit == suit)
            {
                return true;
            }
        }

        return false;
    }

    private static int HandSize(GameState state, OhHellState body) => body.Schedule[state.Round - 1];

    private static bool IsHookForbidden(GameState state, OhHellState body, int bid)
    {
        if (!body.Config.Hook)
        {
            return false;
        }

        var placed = 0;
        var total = 0;
        foreach (var existing in body.Bids)
        {
            if (existing != OhHellState.NoBid)
            {
                placed++;
                total += existing;
            }
        }

        return placed == state.Players.Count - 1 && total + bid == HandSize(state, body);
    }
}
