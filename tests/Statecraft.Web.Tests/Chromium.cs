using Microsoft.Playwright;

namespace Statecraft.Web.Tests;

/// <summary>
/// Debian's chromium driven by Playwright, once per test run. A machine without it fails here (./test.sh installs it):
/// browser tests never skip. Runs with --no-sandbox because CI runs as root, where Chromium's sandbox cannot start.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing; ./test.sh installs it (apt-get install chromium).");
        }

        // Generous bounds for a loaded 2-core CI machine: they catch a page that never updates, not a slow one.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Args = ["--no-sandbox"], Headless = true });
    }

    /// <summary>A fresh browser context (its own cookies: one player) on <paramref name="baseUrl"/>.</summary>
    public async Task<IPage> NewPlayerAsync(Uri baseUrl)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1100, Height = 900 } });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserSuite : ICollectionFixture<Chromium>, ICollectionFixture<WebSilo>
{
    public const string Name = "browser";
}
