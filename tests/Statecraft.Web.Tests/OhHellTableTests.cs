using static Microsoft.Playwright.Assertions;

namespace Statecraft.Web.Tests;

/// <summary>One person plays an Oh Hell game against two bots from the page.</summary>
[Collection(BrowserSuite.Name)]
public sealed class OhHellTableTests(Chromium chromium, WebSilo silo)
{
    [Fact]
    public async Task A_person_plays_a_round_against_bots_to_the_end()
    {
        var ann = await chromium.NewPlayerAsync(silo.Play);
        await Tables.SignInAsync(ann, silo.Play, "ann");
        await Tables.CreateAsync(ann, "oh-hell", handSizes: "2");
        await ann.ClickAsync("#add-bot");
        await Expect(ann.Locator("#players li")).ToHaveCountAsync(2);
        await ann.ClickAsync("#add-bot");
        await Expect(ann.Locator("#players li")).ToHaveCountAsync(3);
        await ann.ClickAsync("#start");
        await Expect(ann.Locator("#phase")).Not.ToHaveTextAsync("Lobby");
        await Expect(ann.Locator("#hand .card")).ToHaveCountAsync(2);

        var screenshot = false;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await ann.InnerTextAsync("#phase") is not ("Finished" or "Abandoned"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the game did not end; phase {await ann.InnerTextAsync("#phase")}, version {await ann.InnerTextAsync("#version")}");
            var bid = ann.Locator("#bids button[data-bid]").First;
            var card = ann.Locator("#hand .card.legal").First;
            if (await bid.IsVisibleAsync())
            {
                await bid.ClickAsync();
            }
            else if (await card.IsVisibleAsync())
            {
                if (!screenshot)
                {
                    await Screenshots.SaveAsync(ann, "ohhell-table");
                    screenshot = true;
                }

                await card.ClickAsync();
            }
            else if (await ann.Locator("#bids button").First.IsVisibleAsync())
            {
                await ann.Locator("#bids button").First.ClickAsync();
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        await Expect(ann.Locator("#result")).ToContainTextAsync("Result:");
        Assert.False(await ann.Locator("#problem").IsVisibleAsync(), await ann.InnerTextAsync("#problem-text"));
        await ann.Context.CloseAsync();
    }
}
