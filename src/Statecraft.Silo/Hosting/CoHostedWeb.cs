using Microsoft.Extensions.DependencyInjection.Extensions;
using Statecraft.Client;
using Statecraft.Web;

namespace Statecraft.Silo.Hosting;

/// <summary>
/// The game frontend (<c>Statecraft.Web</c>) served by the silo itself at <c>/play</c>, so the one-command demo shows a
/// lobby where a person watches the bots and plays. It is on with <c>--demo</c> and otherwise off
/// (<c>Statecraft:Web:Enabled</c>): in production the frontend runs as its own process, as any game studio's would.
/// Co-hosted, it talks to the grains through the silo's own cluster client.
/// </summary>
internal static class CoHostedWeb
{
    public const string EnabledKey = "Statecraft:Web:Enabled";

    public static bool IsEnabled(IConfiguration configuration) =>
        bool.TryParse(configuration[EnabledKey], out var enabled) ? enabled : bool.TryParse(configuration["Statecraft:Demo:Enabled"], out var demo) && demo;

    public static void Add(WebApplicationBuilder builder)
    {
        if (!IsEnabled(builder.Configuration))
        {
            return;
        }

        builder.Services.AddOptions<StatecraftClientOptions>().Configure(client => client.SubscriptionRenewal = WebFrontend.LiveViewRenewal);
        builder.Services.TryAddSingleton<StatecraftClient>();
        builder.Services.AddStatecraftWeb(builder.Configuration);
    }

    public static void Map(WebApplication app)
    {
        if (IsEnabled(app.Configuration))
        {
            app.MapStatecraftWeb();
        }
    }
}
