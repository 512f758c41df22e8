using Statecraft.Web.Players;

namespace Statecraft.Web.Api;

/// <summary><c>/api/session</c>: who this browser plays as.</summary>
internal static class PlayerEndpoints
{
    public sealed record SessionRequest(string? Name);

    public sealed record SessionView(string Name, string PlayerId);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/session", (HttpContext http) =>
            PlayerSessions.TryGet(http, out var player) ? Results.Ok(new SessionView(player.Name, player.Id)) : ApiError.SignInFirst());
        api.MapPost("/session", (HttpContext http, SessionRequest request) =>
            PlayerSessions.TryStart(http, request.Name, out var player, out var problem)
                ? Results.Ok(new SessionView(player.Name, player.Id))
                : ApiError.BadRequest("InvalidName", problem));
        api.MapDelete("/session", (HttpContext http) =>
        {
            PlayerSessions.End(http);
            return Results.NoContent();
        });
    }
}
