using Statecraft.Engine.Core;

namespace Statecraft.Engine.Rulesets.OhHell;

/// <summary>The trick-taking part of a view (JSON in <c>GameView.Details</c>). Only the viewer's own hand is shown.</summary>
public sealed record OhHellDetails : RulesetDetails
{
    /// <summary>Cards per round.</summary>
    public required IReadOnlyList<int> HandSizes { get; init; }
    /// <summary>Cards in each hand this round.</summary>
    public int HandSize { get; init; }
    /// <summary>The dealer of the current round.</summary>
    public string? Dealer { get; init; }
    /// <summary>The turned-up card.</summary>
    public string? TurnUp { get; init; }
    /// <summary>The trump suit letter.</summary>
    public string? Trump { get; init; }
    /// <summary>Whether the hook rule is on.</summary>
    public bool Hook { get; init; }
    /// <summary>The viewer's cards; null for spectators.</summary>
    public IReadOnlyList<string>? Hand { get; init; }
    /// <summary>How many cards each seat holds.</summary>
    public required IReadOnlyList<int> HandCounts { get; init; }
    /// <summary>Each seat's bid; null where not yet bid.</summary>
    public required IReadOnlyList<int?> Bids { get; init; }
    /// <summary>Tricks taken this round per seat.</summary>
    public required IReadOnlyList<int> TricksWon { get; init; }
    /// <summary>The current trick as (player, card) in play order.</summary>
    public required IReadOnlyList<PlayedCard> Trick { get; init; }
    /// <summary>The last completed trick as (player, card) in play order.</summary>
    public required IReadOnlyList<PlayedCard> LastTrick { get; init; }
    /// <summary>Total score per seat.</summary>
    public required IReadOnlyList<int> Scores { get; init; }
    /// <summary>Points per seat in the last scored round.</summary>
    public required IReadOnlyList<int> LastRoundPoints { get; init; }
}

/// <summary>A card played by a player.</summary>
public sealed record PlayedCard(string Player, string Card);
