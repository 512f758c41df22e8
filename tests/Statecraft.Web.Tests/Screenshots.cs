using Microsoft.Playwright;
using Statecraft.Testing;

namespace Statecraft.Web.Tests;

/// <summary>
/// Pictures of the pages as the tests leave them, written to <c>artifacts/web/</c> (CI keeps them); the README shows
/// copies from <c>docs/images/web/</c>.
/// </summary>
internal static class Screenshots
{
    public static string OutputDirectory => RepositoryRoot.File("artifacts/web");

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(OutputDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(OutputDirectory, $"{name}.png"), FullPage = true });
    }
}
