using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Statecraft.Web.Tests;

/// <summary>Two people in two browsers play tic-tac-toe through the pages, live, to the end.</summary>
[Collection(BrowserSuite.Name)]
public sealed class TicTacToeTableTests(Chromium chromium, WebSilo silo)
{
    [Fact]
    public async Task Two_browsers_play_a_game_to_the_end_and_both_see_the_result()
    {
        var ann = await chromium.NewPlayerAsync(silo.Play);
        var bob = await chromium.NewPlayerAsync(silo.Play);
        await Tables.SignInAsync(ann, silo.Play, "ann");
        await Tables.SignInAsync(bob, silo.Play, "bob");
        var gameId = await Tables.CreateAsync(ann, "tictactoe");
        await Tables.JoinFromLobbyAsync(bob, silo.Play, gameId);
        await ann.GotoAsync(silo.Play.ToString());
        await Expect(ann.Locator($"tr[data-game-id='{gameId}']")).ToContainTextAsync("ann, bob");
        await Screenshots.SaveAsync(ann, "lobby");
        await ann.GotoAsync(new Uri(silo.Play, $"game?id={gameId}").ToString());
        await Expect(ann.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");

        // Ann's table shows both players without a reload; she starts.
        await Expect(ann.Locator("#players li")).ToHaveCountAsync(2);
        await ann.ClickAsync("#start");
        await Expect(bob.Locator("#phase")).ToHaveTextAsync("Playing");

        foreach (var (page, cell, mark) in new[] { (ann, 0, "X"), (bob, 3, "O"), (ann, 1, "X"), (bob, 4, "O"), (ann, 2, "X") })
        {
            await Expect(Tables.Cell(page, cell)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("legal"));
            await Tables.Cell(page, cell).ClickAsync();
            await Expect(Tables.Cell(ann, cell)).ToHaveTextAsync(mark);
            await Expect(Tables.Cell(bob, cell)).ToHaveTextAsync(mark);
        }

        await Expect(ann.Locator("#result")).ToContainTextAsync("won by ann (three-in-a-row)");
        await Expect(bob.Locator("#result")).ToContainTextAsync("won by ann (three-in-a-row)");
        await Expect(bob.Locator("#phase")).ToHaveTextAsync("Finished");
        Assert.Equal(await Tables.VersionAsync(ann), await Tables.VersionAsync(bob));
        await Screenshots.SaveAsync(bob, "tictactoe-table");
        await ann.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }

    /// <summary>Ann creates a game, Bob joins it from the lobby, Ann starts it: the two pages, both live.</summary>
    private async Task<(IPage Ann, IPage Bob)> StartedGameAsync()
    {
        var ann = await chromium.NewPlayerAsync(silo.Play);
        var bob = await chromium.NewPlayerAsync(silo.Play);
        await Tables.SignInAsync(ann, silo.Play, "ann");
        await Tables.SignInAsync(bob, silo.Play, "bob");
        var gameId = await Tables.CreateAsync(ann, "tictactoe");
        await Tables.JoinFromLobbyAsync(bob, silo.Play, gameId);
        await Expect(ann.Locator("#start")).ToBeVisibleAsync();
        await ann.ClickAsync("#start");
        return (ann, bob);
    }

    [Fact]
    public async Task An_illegal_click_is_refused_with_the_engines_message_and_changes_nothing()
    {
        var (ann, bob) = await StartedGameAsync();
        await Expect(bob.Locator("#phase")).ToHaveTextAsync("Playing");
        var before = await Tables.VersionAsync(bob);

        // Not Bob's turn: the cell is not offered, and clicking it anyway is refused by the engine, not the page.
        await Tables.Cell(bob, 8).ClickAsync();
        await Expect(bob.Locator("#problem-text")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^It is ann-[0-9a-f]{12}'s turn\.$"));
        await Expect(Tables.Cell(bob, 8)).ToHaveTextAsync(string.Empty);
        Assert.Equal(before, await Tables.VersionAsync(bob));
        Assert.Equal(before, await Tables.VersionAsync(ann));
        await ann.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task A_reload_mid_game_shows_the_same_state_and_play_goes_on()
    {
        var (ann, bob) = await StartedGameAsync();
        await Expect(Tables.Cell(ann, 4)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("legal"));
        await Tables.Cell(ann, 4).ClickAsync();
        await Expect(Tables.Cell(bob, 4)).ToHaveTextAsync("X");
        await Tables.Cell(bob, 0).ClickAsync();
        await Expect(Tables.Cell(ann, 0)).ToHaveTextAsync("O");
        var version = await Tables.VersionAsync(ann);

        await ann.ReloadAsync();
        await Expect(ann.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
        await Expect(Tables.Cell(ann, 4)).ToHaveTextAsync("X");
        await Expect(Tables.Cell(ann, 0)).ToHaveTextAsync("O");
        Assert.Equal(version, await Tables.VersionAsync(ann));
        await Expect(ann.Locator("#turn")).ToHaveTextAsync("ann (you)");

        await Tables.Cell(ann, 8).ClickAsync();
        await Expect(Tables.Cell(bob, 8)).ToHaveTextAsync("X");
        await ann.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }
}
