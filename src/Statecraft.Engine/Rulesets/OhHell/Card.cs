using System.Diagnostics.CodeAnalysis;

namespace Statecraft.Engine.Rulesets.OhHell;

/// <summary>A card's suit, in the order hands are sorted for display.</summary>
public enum Suit : byte
{
    /// <summary>Clubs (C).</summary>
    Clubs = 0,
    /// <summary>Diamonds (D).</summary>
    Diamonds = 1,
    /// <summary>Hearts (H).</summary>
    Hearts = 2,
    /// <summary>Spades (S).</summary>
    Spades = 3,
}

/// <summary>
/// A playing card from a 52-card deck. Written as rank then suit: <c>2C</c> … <c>TC</c> (ten), <c>JC</c>,
/// <c>QC</c>, <c>KC</c>, <c>AC</c>; <c>10C</c> is accepted when parsing. Aces are high.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CardJsonConverter))]
public readonly record struct Card(int Rank, Suit Suit)
{
    private const string RankLetters = "23456789TJQKA";
    private const string SuitLetters = "CDHS";

    /// <summary>Lowest rank (two).</summary>
    public const int MinRank = 2;

    /// <summary>Highest rank (ace).</summary>
    public const int MaxRank = 14;

    /// <summary>The 52 cards in a fixed order (by suit, then rank).</summary>
    public static IReadOnlyList<Card> Deck { get; } =
        [.. Enum.GetValues<Suit>().SelectMany(suit => Enumerable.Range(MinRank, MaxRank - MinRank + 1).Select(rank => new Card(rank, suit)))];

    /// <summary>Parses the card notation; false for anything else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Card card)
    {
        card = default;
        if (text is null || text.Length is < 2 or > 3)
        {
            return false;
        }

        var suit = SuitLetters.IndexOf(char.ToUpperInvariant(text[^1]), StringComparison.Ordinal);
        var rankText = text[..^1];
        var rank = rankText == "10" ? 10 : rankText.Length == 1 ? RankLetters.IndexOf(char.ToUpperInvariant(rankText[0]), StringComparison.Ordinal) + MinRank : -1;
        if (suit < 0 || rank < MinRank)
        {
            return false;
        }

        card = new Card(rank, (Suit)suit);
        return true;
    }

    /// <summary>Parses the card notation or throws <see cref="FormatException"/>; for tests and tools.</summary>
    public static Card Parse(string text) => TryParse(text, out var card) ? card : throw new FormatException($"'{text}' is not a card.");

    /// <summary>Orders cards by suit, then rank: the order hands are shown in.</summary>
    public static IComparer<Card> DisplayOrder { get; } = Comparer<Card>.Create(static (a, b) => a.Suit != b.Suit ? a.Suit.CompareTo(b.Suit) : a.Rank.CompareTo(b.Rank));

    /// <summary>True when the rank and suit are those of a real card.</summary>
    public bool IsValid => Rank is >= MinRank and <= MaxRank && Enum.IsDefined(Suit);

    /// <inheritdoc />
    public override string ToString() => IsValid ? $"{RankLetters[Rank - MinRank]}{SuitLetters[(int)Suit]}" : "??";

    /// <summary>The suit as one letter (C, D, H or S).</summary>
    public static string SuitLetter(Suit suit) => SuitLetters[(int)suit].ToString();
}
