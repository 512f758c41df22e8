using Microsoft.Extensions.Options;
using Statecraft.Client;

namespace Statecraft.Web;

/// <summary>
/// The frontend as its own process: an Orleans client (<c>Statecraft:Client:*</c>, as every frontend configures it) and
/// the pages under <see cref="WebFrontend.DefaultPath"/>. A class rather than top-level statements, so the silo, which
/// co-hosts the same pages, does not see a second <c>Program</c>.
/// </summary>
internal static class Entry
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            var builder = WebApplication.CreateBuilder(args);
            // Lowest-precedence defaults: live views re-subscribe every 5 s (not the client's 30 s), so a page follows
            // a game within seconds after the silo holding it died.
            builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
            {
                InitialData = [new(WebFrontend.SubscriptionRenewalKey, WebFrontend.LiveViewRenewal.ToString())],
            });
            builder.WebHost.UseSetting("urls", builder.Configuration["urls"] ?? "http://127.0.0.1:5090");
            builder.Services.AddStatecraftClient(builder.Configuration);
            builder.Services.AddStatecraftWeb(builder.Configuration);
            var app = builder.Build();
            app.MapStatecraftWeb();
            app.MapGet("/", () => Results.Redirect(WebFrontend.DefaultPath + "/"));
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException exception)
        {
            await Console.Error.WriteLineAsync("Statecraft web: the configuration is invalid: " + string.Join(" ", exception.Failures));
            return 2;
        }
    }
}
