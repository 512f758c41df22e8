using Statecraft.Engine.Rulesets.OhHell;

namespace Statecraft.Engine.Tests.OhHell;

public sealed class CardTests
{
    [Theory]
    [InlineData("2C", 2, Suit.Clubs)]
    [InlineData("TD", 10, Suit.Diamonds)]
    [InlineData("10d", 10, Suit.Diamonds)]
    [InlineData("qh", 12, Suit.Hearts)]
    [InlineData("AS", 14, Suit.Spades)]
    public void Parses_rank_then_suit(string text, int rank, Suit suit)
    {
        Assert.True(Card.TryParse(text, out var card));
        Assert.Equal(new Card(rank, suit), card);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Q")]
    [InlineData("1H")]
    [InlineData("11H")]
    [InlineData("QX")]
    [InlineData("QHH")]
    public void Refuses_anything_else(string? text) => Assert.False(Card.TryParse(text, out _));

    [Fact]
    public void The_deck_has_52_distinct_cards_that_round_trip()
    {
        Assert.Equal(52, Card.Deck.Distinct().Count());
        Assert.All(Card.Deck, card => Assert.Equal(card, Card.Parse(card.ToString())));
    }
}
