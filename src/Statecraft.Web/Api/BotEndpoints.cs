using Statecraft.Abstractions.Games;
using Statecraft.Client;
using Statecraft.Web.Bots;
using Statecraft.Web.Players;

namespace Statecraft.Web.Api;

/// <summary><c>POST /api/games/{id}/bots</c>: the host fills a seat with a bot before the start.</summary>
internal static class BotEndpoints
{
    public sealed record BotAdded(string BotId, long Version);

    public static void Map(RouteGroupBuilder api) => api.MapPost("/games/{id}/bots", AddAsync);

    private static async Task<IResult> AddAsync(string id, HttpContext http, StatecraftClient client, BotPlayers bots, CancellationToken cancellationToken)
    {
        if (!PlayerSessions.TryGet(http, out var player))
        {
            return ApiError.SignInFirst();
        }

        try
        {
            var view = (await client.Game(id).GetViewAsync(player.Id, cancellationToken: cancellationToken)).View;
            if (view is null || view.Phase != GamePhase.Lobby || view.Players.IsDefaultOrEmpty || view.Players[0] != player.Id)
            {
                return ApiError.BadRequest("NotHost", "Only the game's host can add bots, before the start.");
            }

            var (joined, botId) = await bots.AddAsync(id, cancellationToken);
            return joined.Accepted
                ? Results.Ok(new BotAdded(botId, joined.Version))
                : ApiError.BadRequest(joined.Rejection!.Code.ToString(), joined.Rejection.Message);
        }
        catch (InvalidOperationException full)
        {
            return Results.Json(new ApiError("TooManyBots", full.Message), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception exception) when (ApiError.From(exception) is { } answer)
        {
            return answer;
        }
    }
}
