using Microsoft.Extensions.FileProviders;
using Statecraft.Web.Api;

namespace Statecraft.Web;

/// <summary>Registers and maps the frontend on any ASP.NET Core host that has a <c>StatecraftClient</c>.</summary>
public static class WebFrontend
{
    /// <summary>
    /// How often a frontend's live views re-subscribe and resync. A subscription does not survive the death of the silo
    /// holding the game; the renewal re-registers it with the game's new activation, so this bounds how long a page
    /// waits after a failover. Each renewal is one small call per open page.
    /// </summary>
    public static readonly TimeSpan LiveViewRenewal = TimeSpan.FromSeconds(5);

    /// <summary>The client setting <see cref="LiveViewRenewal"/> is the default of.</summary>
    public const string SubscriptionRenewalKey = "Statecraft:Client:SubscriptionRenewal";

    /// <summary>Where the pages and their API live.</summary>
    public const string DefaultPath = "/play";

    /// <summary>Adds the frontend's services (player sessions, the live-view streams).</summary>
    public static IServiceCollection AddStatecraftWeb(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WebOptions>().Bind(configuration.GetSection(WebOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<WebOptions>, WebOptionsValidator>();
        services.AddSingleton<Bots.BotPlayers>();
        return services;
    }

    /// <summary>Maps the pages at <paramref name="path"/> and the API under <c>{path}/api</c>.</summary>
    public static IEndpointRouteBuilder MapStatecraftWeb(this IEndpointRouteBuilder endpoints, string path = DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var pages = new EmbeddedFileProvider(typeof(WebFrontend).Assembly, "Statecraft.Web.Assets");
        var group = endpoints.MapGroup(path);
        group.MapGet("/", () => Page(pages, "index.html"));
        group.MapGet("/game", () => Page(pages, "game.html"));
        group.MapGet("/assets/{file}", (string file) => Page(pages, file));
        PlayerEndpoints.Map(group.MapGroup("/api"));
        LobbyEndpoints.Map(group.MapGroup("/api"));
        GameEndpoints.Map(group.MapGroup("/api"));
        BotEndpoints.Map(group.MapGroup("/api"));
        return endpoints;
    }

    private static IResult Page(EmbeddedFileProvider pages, string file)
    {
        var info = pages.GetFileInfo(file);
        if (!info.Exists || file.Contains('/', StringComparison.Ordinal))
        {
            return Results.NotFound();
        }

        var type = Path.GetExtension(file) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
        return Results.Stream(info.CreateReadStream(), type);
    }
}
