using Statecraft.Engine.Core;
using Statecraft.Engine.Events;

namespace Statecraft.Engine.Rulesets.OhHell;

/// <summary>A round was dealt; the shuffle's outcome is recorded so replay never re-deals.</summary>
/// <param name="Round">The 1-based round number.</param>
/// <param name="Dealer">The dealer's seat.</param>
/// <param name="Hands">Each seat's cards, in seat order.</param>
/// <param name="TurnUp">The card turned up after dealing; its suit is trump for the round.</param>
[StableName("oh-hell.round-dealt")]
public sealed record RoundDealt(int Round, int Dealer, EquatableArray<EquatableArray<Card>> Hands, Card TurnUp) : GameEvent;

/// <summary>A player bid the number of tricks they expect to take.</summary>
[StableName("oh-hell.bid-placed")]
public sealed record BidPlaced(string PlayerId, int Bid) : GameEvent;

/// <summary>A player played a card to the current trick.</summary>
[StableName("oh-hell.card-played")]
public sealed record CardPlayed(string PlayerId, Card Card) : GameEvent;

/// <summary>The current trick is complete and <paramref name="Winner"/> took it; the winner leads next.</summary>
[StableName("oh-hell.trick-taken")]
public sealed record TrickTaken(string Winner) : GameEvent;

/// <summary>The round's last trick was taken; <paramref name="Points"/> holds each seat's points for the round.</summary>
[StableName("oh-hell.round-scored")]
public sealed record RoundScored(int Round, EquatableArray<int> Points) : GameEvent;
