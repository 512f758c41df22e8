using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Statecraft.Web.Tests;

/// <summary>What a person does on the pages, as steps the tests share.</summary>
internal static class Tables
{
    public static async Task SignInAsync(IPage page, Uri play, string name)
    {
        await page.GotoAsync(play.ToString());
        await page.FillAsync("#name", name);
        await page.ClickAsync("#signin-button");
        await Expect(page.Locator("#who")).ToHaveTextAsync($"playing as {name}");
    }

    /// <summary>Creates a game from the lobby form and returns its id once the table page is open.</summary>
    public static async Task<string> CreateAsync(IPage page, string ruleset, string? handSizes = null)
    {
        await page.SelectOptionAsync("#ruleset", ruleset);
        if (handSizes is not null)
        {
            await page.FillAsync("#hands", handSizes);
        }

        await page.ClickAsync("#create-button");
        await page.WaitForURLAsync("**/play/game?id=*");
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
        return new Uri(page.Url).Query.Split('=')[1];
    }

    /// <summary>Finds the game in the lobby and follows its Join link.</summary>
    public static async Task JoinFromLobbyAsync(IPage page, Uri play, string gameId)
    {
        await page.GotoAsync(play.ToString());
        await page.Locator($"tr[data-game-id='{gameId}'] >> text=Join").ClickAsync();
        await page.WaitForURLAsync($"**/play/game?id={gameId}&join=1");
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
    }

    public static ILocator Cell(IPage page, int cell) => page.Locator($".cell[data-cell='{cell}']");

    public static async Task<long> VersionAsync(IPage page) => long.Parse(await page.InnerTextAsync("#version"), System.Globalization.CultureInfo.InvariantCulture);
}
