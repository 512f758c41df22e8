using Statecraft.Abstractions.Games;
using Statecraft.Client;
using Statecraft.Web.Players;

namespace Statecraft.Web.Api;

/// <summary><c>/api/games/{id}</c>: a player's (or a spectator's) view, commands, and the live view stream.</summary>
internal static class GameEndpoints
{
    /// <summary>
    /// A command from the page. The player is the session's, never a field here. <see cref="CommandId"/> is chosen by
    /// the page and reused when it retries after an error, so a retry is applied at most once.
    /// </summary>
    public sealed record CommandRequest(string? Action, Guid CommandId, string? Kind, string? Payload);

    public sealed record CommandAnswer(bool Accepted, long Version, string Durability, bool IsReplay, ApiError? Rejection);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/games/{id}/view", ViewAsync);
        api.MapPost("/games/{id}/commands", CommandAsync);
        api.MapGet("/games/{id}/events", ViewStream.StreamAsync);
    }

    /// <summary>The viewer of a request: the session's player, or a spectator when asked for (or when there is no session).</summary>
    public static string? Viewer(HttpContext http) =>
        http.Request.Query.ContainsKey("spectate") || !PlayerSessions.TryGet(http, out var player) ? null : player.Id;

    private static async Task<IResult> ViewAsync(string id, HttpContext http, StatecraftClient client, CancellationToken cancellationToken)
    {
        try
        {
            var view = await client.Game(id).GetViewAsync(Viewer(http), cancellationToken: cancellationToken);
            return view.View is { } found && found.Phase != GamePhase.NotCreated
                ? Results.Text(ViewStream.Serialize(found), "application/json")
                : Results.Json(new ApiError("GameNotFound", $"There is no game '{id}'."), statusCode: StatusCodes.Status404NotFound);
        }
        catch (Exception exception) when (ApiError.From(exception) is { } answer)
        {
            return answer;
        }
    }

    private static async Task<IResult> CommandAsync(string id, CommandRequest request, HttpContext http, StatecraftClient client, CancellationToken cancellationToken)
    {
        if (!PlayerSessions.TryGet(http, out var player))
        {
            return ApiError.SignInFirst();
        }

        if (request.CommandId == Guid.Empty)
        {
            return ApiError.BadRequest("MissingCommandId", "Every command needs a commandId (a UUID the page keeps for retries).");
        }

        var game = client.Game(id);
        try
        {
            var result = request.Action switch
            {
                "join" => await game.JoinAsync(player.Id, request.CommandId, cancellationToken),
                "leave" => await game.LeaveAsync(player.Id, request.CommandId, cancellationToken),
                "start" => await game.StartAsync(player.Id, request.CommandId, cancellationToken),
                "move" when !string.IsNullOrEmpty(request.Kind) => await game.MoveAsync(player.Id, new Move(request.Kind, request.Payload), request.CommandId, cancellationToken),
                _ => null,
            };
            return result is null
                ? ApiError.BadRequest("UnknownAction", "action is join, leave, start or move (with kind and, for most moves, payload).")
                : Results.Ok(new CommandAnswer(
                    result.Accepted, result.Version, result.Durability.ToString(), result.IsReplay,
                    result.Rejection is { } rejection ? new ApiError(rejection.Code.ToString(), rejection.Message) : null));
        }
        catch (Exception exception) when (ApiError.From(exception) is { } answer)
        {
            return answer;
        }
    }
}
