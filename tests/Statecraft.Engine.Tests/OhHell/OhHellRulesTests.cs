using System.Text.Json;
using Statecraft.Abstractions.Games;
using Statecraft.Engine.Core;
using Statecraft.Engine.Events;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Tests.Support;

namespace Statecraft.Engine.Tests.OhHell;

public sealed class OhHellRulesTests
{
    private static readonly string[] Players = ["a", "b", "c"];

    /// <summary>
    /// Round 1 of 2 with two cards each, dealer a (seat 0), trump spades:
    /// a holds AH 2C, b holds KH 3C, c holds 4S 6C. Bidding and play start with b.
    /// </summary>
    private static Table FixedDeal(bool hook = true)
    {
        var options = GameOptions.With((OhHellConfig.HandSizesKey, "2,1"), (OhHellConfig.HookKey, hook ? "true" : "false"));
        var table = Table.Created(OhHellRules.RulesetId, options, Players);
        table.Record([new GameStarted("a"), Deals.Round(1, 0, "2S", "AH 2C", "KH 3C", "4S 6C")]);
        return table;
    }

    private static OhHellState Body(Table table) => (OhHellState)table.State.Body!;

    [Fact]
    public void Start_deals_the_first_round_and_bidding_begins_left_of_the_dealer()
    {
        var table = Table.Started(OhHellRules.RulesetId, null, "a", "b", "c", "d");
        var body = Body(table);
        Assert.Equal(GamePhase.Bidding, table.State.Phase);
        Assert.Equal(1, table.State.Round);
        Assert.Equal(0, body.Dealer);
        Assert.Equal("b", table.State.Turn);
        Assert.Equal([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], body.Schedule);
        Assert.All(body.Hands, hand => Assert.Equal(10, hand.Count));
        Assert.Equal(body.TurnUp!.Value.Suit, body.Trump);
    }

    [Fact]
    public void Default_schedule_steps_down_from_the_largest_dealable_hand()
    {
        var config = OhHellConfig.Parse(GameOptions.Default).Value!;
        Assert.Equal([7, 6, 5, 4, 3, 2, 1], config.ScheduleFor(7));
        Assert.Equal([8, 7, 6, 5, 4, 3, 2, 1], config.ScheduleFor(6));
        Assert.Equal(10, config.ScheduleFor(3)[0]);
    }

    [Theory]
    [InlineData("colour", "red")]
    [InlineData(OhHellConfig.MaxPlayersKey, "8")]
    [InlineData(OhHellConfig.MaxPlayersKey, "2")]
    [InlineData(OhHellConfig.HookKey, "maybe")]
    [InlineData(OhHellConfig.HandSizesKey, "0")]
    [InlineData(OhHellConfig.HandSizesKey, "3,,1")]
    [InlineData(OhHellConfig.HandSizesKey, "18")]
    [InlineData(OhHellConfig.HandSizesKey, "8")]
    public void Invalid_settings_are_refused(string key, string value)
    {
        var table = new Table();
        var rejection = table.Reject("a", new CreateGame(OhHellRules.RulesetId, GameOptions.With((key, value))), RejectionCode.InvalidOptions);
        Assert.Contains(key == "colour" ? "Unknown setting" : key, rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_larger_hand_is_fine_with_fewer_seats()
    {
        var table = new Table();
        table.Accept("a", new CreateGame(OhHellRules.RulesetId, GameOptions.With((OhHellConfig.HandSizesKey, "8"), (OhHellConfig.MaxPlayersKey, "6"))));
        Assert.Equal(GamePhase.Lobby, table.State.Phase);
    }

    [Fact]
    public void Bids_are_taken_in_turn_and_must_fit_the_hand()
    {
        var table = FixedDeal();
        table.RejectMove("a", OhHellRules.Bid(0), RejectionCode.NotYourTurn);
        table.RejectMove("b", OhHellRules.Bid(3), RejectionCode.BidOutOfRange);
        table.RejectMove("b", new Move("bid", "-1"), RejectionCode.MalformedCommand);
        table.RejectMove("b", new Move("bid", "two"), RejectionCode.MalformedCommand);
        table.RejectMove("b", OhHellRules.Play(Card.Parse("KH")), RejectionCode.WrongPhase);
        table.AcceptMove("b", OhHellRules.Bid(0));
        Assert.Equal("c", table.State.Turn);
    }

    [Fact]
    public void Hook_rule_forbids_the_dealer_from_making_bids_add_up()
    {
        var table = FixedDeal(hook: true);
        table.AcceptMove("b", OhHellRules.Bid(0));
        table.AcceptMove("c", OhHellRules.Bid(1));
        Assert.Equal([OhHellRules.Bid(0), OhHellRules.Bid(2)], table.Decider.LegalMoves(table.State, "a"));
        table.RejectMove("a", OhHellRules.Bid(1), RejectionCode.HookRule);
        Assert.Equal(OhHellRules.Bid(0), table.Decider.DefaultMove(table.State, "a"));
        table.AcceptMove("a", OhHellRules.Bid(2));
        Assert.Equal(GamePhase.Playing, table.State.Phase);
        Assert.Equal("b", table.State.Turn);
    }

    [Fact]
    public void Without_the_hook_the_dealer_may_make_bids_add_up()
    {
        var table = FixedDeal(hook: false);
        table.AcceptMove("b", OhHellRules.Bid(0));
        table.AcceptMove("c", OhHellRules.Bid(1));
        Assert.Equal(3, table.Decider.LegalMoves(table.State, "a").Count);
        table.AcceptMove("a", OhHellRules.Bid(1));
    }

    [Fact]
    public void Players_must_follow_suit_when_they_can()
    {
        var table = FixedDeal();
        BidAll(table, 0, 1, 0);
        table.RejectMove("b", OhHellRules.Play(Card.Parse("AH")), RejectionCode.CardNotInHand);
        table.RejectMove("b", new Move("play", "ZZ"), RejectionCode.MalformedCommand);
        table.AcceptMove("b", OhHellRules.Play(Card.Parse("KH")));
        // c holds no heart, so any card goes; a holds AH and must play it.
        Assert.Equal(2, table.Decider.LegalMoves(table.State, "c").Count);
        table.AcceptMove("c", OhHellRules.Play(Card.Parse("4S")));
        Assert.Equal([OhHellRules.Play(Card.Parse("AH"))], table.Decider.LegalMoves(table.State, "a"));
        table.RejectMove("a", OhHellRules.Play(Card.Parse("2C")), RejectionCode.MustFollowSuit);
        table.AcceptMove("a", OhHellRules.Play(Card.Parse("AH")));
    }

    [Fact]
    public void A_trump_beats_the_led_suit_and_the_winner_leads_next()
    {
        var table = FixedDeal();
        BidAll(table, 0, 1, 0);
        table.AcceptMove("b", OhHellRules.Play(Card.Parse("KH")));
        table.AcceptMove("c", OhHellRules.Play(Card.Parse("4S")));
        var events = table.AcceptMove("a", OhHellRules.Play(Card.Parse("AH")));
        Assert.Equal(new TrickTaken("c"), events.OfType<TrickTaken>().Single() with { At = default });
        Assert.Equal("c", table.State.Turn);
        Assert.Equal([0, 0, 1], Body(table).TricksWon);
    }

    [Theory]
    [InlineData("KH AH 2C", Suit.Spades, 1)]
    [InlineData("KH 2S 3S", Suit.Spades, 2)]
    [InlineData("KH QC 2D", Suit.Spades, 0)]
    [InlineData("2H 3S AH", Suit.Spades, 1)]
    [InlineData("5D 9D 2D", Suit.Clubs, 1)]
    public void Trick_goes_to_the_highest_trump_else_the_highest_of_the_led_suit(string played, Suit trump, int winner)
    {
        var trick = EquatableArray.ToEquatableArray(played.Split(' ').Select(Card.Parse));
        Assert.Equal(winner, OhHellRules.TrickWinnerIndex(trick, trump));
    }

    [Fact]
    public void Exact_bids_score_ten_plus_the_bid_and_misses_score_nothing()
    {
        var table = FixedDeal();
        BidAll(table, 0, 2, 1); // b 0, c 2, a 1 (the hook forbids a 0)
        table.AcceptMove("b", OhHellRules.Play(Card.Parse("KH")));
        table.AcceptMove("c", OhHellRules.Play(Card.Parse("4S")));
        table.AcceptMove("a", OhHellRules.Play(Card.Parse("AH")));
        table.AcceptMove("c", OhHellRules.Play(Card.Parse("6C")));
        table.AcceptMove("a", OhHellRules.Play(Card.Parse("2C")));
        var events = table.AcceptMove("b", OhHellRules.Play(Card.Parse("3C")));
        var scored = events.OfType<RoundScored>().Single();
        Assert.Equal([0, 10, 12], scored.Points);
        Assert.Equal([0, 10, 12], Body(table).Scores);
        Assert.Equal(GamePhase.RoundScored, table.State.Phase);
    }

    [Fact]
    public void The_next_dealer_deals_the_next_round_and_the_deal_rotates()
    {
        var table = FixedDeal();
        PlayRound(table);
        Assert.Equal("b", table.State.Turn);
        Assert.Equal([OhHellRules.Deal], table.Decider.LegalMoves(table.State, "b"));
        table.RejectMove("a", OhHellRules.Deal, RejectionCode.NotYourTurn);
        table.RejectMove("b", new Move("deal", "now"), RejectionCode.MalformedCommand);
        table.RejectMove("b", OhHellRules.Bid(0), RejectionCode.WrongPhase);
        table.AcceptMove("b", OhHellRules.Deal);
        var body = Body(table);
        Assert.Equal(2, table.State.Round);
        Assert.Equal(1, body.Dealer);
        Assert.Equal("c", table.State.Turn);
        Assert.All(body.Hands, hand => Assert.Single(hand));
        Assert.Equal([0, 10, 12], body.Scores);
    }

    [Fact]
    public void The_last_round_finishes_the_game_and_the_highest_total_wins()
    {
        var table = FixedDeal();
        PlayRound(table);
        table.AcceptMove("b", OhHellRules.Deal);
        PlayRandomly(table, seed: 3);
        Assert.Equal(GamePhase.Finished, table.State.Phase);
        var body = Body(table);
        var result = table.State.Result!;
        Assert.Equal(body.Scores.AsImmutableArray(), result.Scores);
        var best = body.Scores.Max();
        Assert.Equal(Players.Where((_, seat) => body.Scores[seat] == best), result.Winners);
        Assert.Equal("final-round", result.Reason);
    }

    [Fact]
    public void Dealer_rotates_each_round_through_every_seat()
    {
        var table = Table.Started(OhHellRules.RulesetId, GameOptions.With((OhHellConfig.HandSizesKey, "1,1,1,1,1")), "a", "b", "c", "d");
        PlayRandomly(table, seed: 11);
        Assert.Equal([0, 1, 2, 3, 0], table.Journal.OfType<RoundDealt>().Select(deal => deal.Dealer));
        Assert.Equal([1, 2, 3, 4, 5], table.Journal.OfType<RoundDealt>().Select(deal => deal.Round));
    }

    [Fact]
    public void Hand_sizes_follow_the_schedule()
    {
        var table = Table.Started(OhHellRules.RulesetId, GameOptions.With((OhHellConfig.HandSizesKey, "3,5,1")), "a", "b", "c");
        PlayRandomly(table, seed: 5);
        Assert.Equal([3, 5, 1], table.Journal.OfType<RoundDealt>().Select(deal => deal.Hands[0].Count));
        Assert.Equal(GamePhase.Finished, table.State.Phase);
    }

    [Fact]
    public void The_deal_is_seeded_by_the_command_so_a_retry_deals_the_same_cards()
    {
        var lobby = Table.Created(OhHellRules.RulesetId, null, Players);
        var start = lobby.Command("a", new StartGame());
        var first = lobby.Decider.Decide(lobby.State, start);
        var retry = lobby.Decider.Decide(lobby.State, start);
        var other = lobby.Decider.Decide(lobby.State, start with { CommandId = Guid.NewGuid() });
        Assert.Equal(first.Events, retry.Events);
        Assert.NotEqual(first.Events.OfType<RoundDealt>().Single().Hands, other.Events.OfType<RoundDealt>().Single().Hands);
    }

    [Fact]
    public void A_players_view_shows_only_their_own_hand()
    {
        var table = FixedDeal();
        var view = table.Decider.ViewFor(table.State, "b");
        var details = JsonSerializer.Deserialize<OhHellDetails>(view.Details, JsonSerializerOptions.Web)!;
        Assert.Equal(["3C", "KH"], details.Hand!);
        Assert.Equal([2, 2, 2], details.HandCounts);
        Assert.Equal("S", details.Trump);
        Assert.Equal("a", details.Dealer);
        Assert.DoesNotContain("AH", view.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("4S", view.Details, StringComparison.Ordinal);
        Assert.Equal(3, view.LegalMoves.Length);

        var spectator = table.Decider.ViewFor(table.State, null);
        Assert.Null(JsonSerializer.Deserialize<OhHellDetails>(spectator.Details, JsonSerializerOptions.Web)!.Hand);
        Assert.DoesNotContain("KH", spectator.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_play_sheds_the_lowest_non_trump_that_follows_suit()
    {
        var options = GameOptions.With((OhHellConfig.HandSizesKey, "3"));
        var table = Table.Created(OhHellRules.RulesetId, options, Players);
        table.Record([new GameStarted("a"), Deals.Round(1, 0, "2S", "AH 2C 3D", "KS 3C 9D", "4S 6C 5D")]);
        BidAll(table, 0, 0, 0);
        Assert.Equal(OhHellRules.Play(Card.Parse("3C")), table.Decider.DefaultMove(table.State, "b"));
        table.AcceptMove("b", OhHellRules.Play(Card.Parse("9D")));
        Assert.Equal(OhHellRules.Play(Card.Parse("5D")), table.Decider.DefaultMove(table.State, "c"));
        Assert.Null(table.Decider.DefaultMove(table.State, "a"));
    }

    private static void BidAll(Table table, params int[] bidsInTurnOrder)
    {
        foreach (var bid in bidsInTurnOrder)
        {
            table.AcceptMove(table.State.Turn!, OhHellRules.Bid(bid));
        }
    }

    private static void PlayRound(Table table)
    {
        BidAll(table, 0, 2, 1);
        foreach (var card in new[] { "KH", "4S", "AH", "6C", "2C", "3C" })
        {
            table.AcceptMove(table.State.Turn!, OhHellRules.Play(Card.Parse(card)));
        }
    }

    private static void PlayRandomly(Table table, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        for (var i = 0; i < 1_000 && !table.State.Phase.IsTerminal; i++)
        {
            var player = table.State.Turn!;
            var moves = table.Decider.LegalMoves(table.State, player);
            table.AcceptMove(player, moves[random.Next(moves.Count)]);
        }
    }
}
