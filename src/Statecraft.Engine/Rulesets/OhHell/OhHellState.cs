using Statecraft.Engine.Core;

namespace Statecraft.Engine.Rulesets.OhHell;

/// <summary>The state of a trick-taking game. Per-seat arrays are in seat order; <see cref="NoBid"/> marks a missing bid.</summary>
[StableName("oh-hell.state")]
public sealed record OhHellState : RulesState
{
    /// <summary>Marks a seat that has not bid yet.</summary>
    public const int NoBid = -1;

    /// <summary>The game's settings.</summary>
    public required OhHellConfig Config { get; init; }

    /// <summary>Cards per round, fixed when the game starts.</summary>
    public EquatableArray<int> Schedule { get; init; }

    /// <summary>The dealer's seat in the current round.</summary>
    public int Dealer { get; init; }

    /// <summary>The card turned up for trump, once dealt.</summary>
    public Card? TurnUp { get; init; }

    /// <summary>Each seat's hand.</summary>
    public EquatableArray<EquatableArray<Card>> Hands { get; init; }

    /// <summary>Each seat's bid, or <see cref="NoBid"/>.</summary>
    public EquatableArray<int> Bids { get; init; }

    /// <summary>Tricks taken this round per seat.</summary>
    public EquatableArray<int> TricksWon { get; init; }

    /// <summary>Cards played to the current trick, in play order starting with <see cref="Leader"/>.</summary>
    public EquatableArray<Card> Trick { get; init; }

    /// <summary>The seat that led the current trick.</summary>
    public int Leader { get; init; }

    /// <summary>Cards of the tricks completed this round.</summary>
    public EquatableArray<Card> Taken { get; init; }

    /// <summary>The last completed trick, in play order, for display.</summary>
    public EquatableArray<Card> LastTrick { get; init; }

    /// <summary>Who led the last completed trick.</summary>
    public int LastTrickLeader { get; init; }

    /// <summary>Total score per seat.</summary>
    public EquatableArray<int> Scores { get; init; }

    /// <summary>Points scored per seat in the last scored round.</summary>
    public EquatableArray<int> LastRoundPoints { get; init; }

    /// <summary>The trump suit of the current round.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Suit? Trump => TurnUp?.Suit;

    /// <summary>Tricks completed this round.</summary>
    public int TricksPlayed(int players) => players == 0 ? 0 : Taken.Count / players;
}
