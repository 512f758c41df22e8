using Statecraft.Engine.Core;
using Statecraft.Engine.Rulesets.OhHell;

namespace Statecraft.Engine.Tests.OhHell;

/// <summary>Builds recorded deals from card notation, so tests can set up exact hands.</summary>
internal static class Deals
{
    public static RoundDealt Round(int round, int dealer, string turnUp, params string[] hands) =>
        new(round, dealer, [.. hands.Select(Hand)], Card.Parse(turnUp));

    public static EquatableArray<Card> Hand(string cards) =>
        [.. cards.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Card.Parse).Order(Card.DisplayOrder)];
}
