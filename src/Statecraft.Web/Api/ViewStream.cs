using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Statecraft.Abstractions.Games;
using Statecraft.Client;

namespace Statecraft.Web.Api;

/// <summary>
/// A game's live view as Server-Sent Events: one <c>view</c> event per version, its id the game version. The browser's
/// EventSource reconnects by itself and sends the last id it saw (<c>Last-Event-ID</c>), so a reconnect resumes by
/// version: the current view is sent if it is newer, nothing is replayed twice. Views come from the client library's
/// self-renewing subscription; the current view is read after subscribing, so no change falls between the two.
/// </summary>
internal static class ViewStream
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(GameView view) => JsonSerializer.Serialize(view, Json);

    public static async Task StreamAsync(string id, HttpContext http, StatecraftClient client, IOptions<WebOptions> options)
    {
        var cancellationToken = http.RequestAborted;
        var viewer = GameEndpoints.Viewer(http);
        var known = long.TryParse(http.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : -1;
        var views = Channel.CreateBounded<GameView>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var game = client.Game(id);
        GameSubscription subscription;
        GameView? current;
        try
        {
            subscription = await game.SubscribeAsync(viewer, view =>
            {
                views.Writer.TryWrite(view);
                return Task.CompletedTask;
            }, cancellationToken);
            current = (await game.GetViewAsync(viewer, cancellationToken: cancellationToken)).View;
        }
        catch (Exception exception) when (ApiError.From(exception) is { } answer)
        {
            await answer.ExecuteAsync(http);
            return;
        }

        await using (subscription)
        {
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            // Proxies (nginx) must pass events on at once rather than buffer them.
            http.Response.Headers["X-Accel-Buffering"] = "no";
            await http.Response.WriteAsync("retry: 1000\n\n", cancellationToken);
            if (current is not null)
            {
                views.Writer.TryWrite(current);
            }

            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    heartbeat.CancelAfter(options.Value.Heartbeat);
                    GameView view;
                    try
                    {
                        view = await views.Reader.ReadAsync(heartbeat.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        await http.Response.WriteAsync(": heartbeat\n\n", cancellationToken);
                        await http.Response.Body.FlushAsync(cancellationToken);
                        continue;
                    }

                    if (view.Version <= known)
                    {
                        continue;
                    }

                    known = view.Version;
                    await http.Response.WriteAsync($"id: {view.Version}\nevent: view\ndata: {Serialize(view)}\n\n", cancellationToken);
                    await http.Response.Body.FlushAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The browser went away.
            }
        }
    }
}
