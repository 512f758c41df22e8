using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Statecraft.Abstractions.Games;
using Statecraft.Client;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Engine.Rulesets.TicTacToe;
using Statecraft.Web.Players;

namespace Statecraft.Web.Api;

/// <summary><c>/api/games</c>: the lobby and new games.</summary>
internal static class LobbyEndpoints
{
    public sealed record CreateRequest(string? RulesetId, int? TurnTimeoutSeconds, string? HandSizes);

    public sealed record Created(string GameId);

    public sealed record ListingView(string GameId, string RulesetId, string Phase, IReadOnlyList<string> Players, bool Open, bool Seated, DateTimeOffset UpdatedAt);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/games", ListAsync);
        api.MapPost("/games", CreateAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, StatecraftClient client, CancellationToken cancellationToken)
    {
        var me = PlayerSessions.TryGet(http, out var player) ? player.Id : null;
        try
        {
            var listings = await client.ListGamesAsync(cancellationToken);
            return Results.Ok(listings.Select(l => new ListingView(
                l.GameId, l.RulesetId, l.Phase.Name, [.. l.Players.Select(PlayerSessions.NameOf)], l.IsOpen, me is not null && l.Players.Contains(me), l.UpdatedAt)));
        }
        catch (Exception exception) when (ApiError.From(exception) is { } answer)
        {
            return answer;
        }
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CreateRequest request, StatecraftClient client, IOptions<WebOptions> options, CancellationToken cancellationToken)
    {
        if (!PlayerSessions.TryGet(http, out var player))
        {
            return ApiError.SignInFirst();
        }

        if (request.RulesetId is not (TicTacToeRules.RulesetId or OhHellRules.RulesetId))
        {
            return ApiError.BadRequest("UnknownRuleset", $"Choose {TicTacToeRules.RulesetId} or {OhHellRules.RulesetId}.");
        }

        var timeout = request.TurnTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        if (timeout is { } t && (t < TimeSpan.FromSeconds(5) || t > options.Value.MaxTurnTimeout))
        {
            return ApiError.BadRequest("InvalidTurnTimeout", $"A turn timer is from 5 to {options.Value.MaxTurnTimeout.TotalSeconds:0} seconds.");
        }

        var settings = request.RulesetId == OhHellRules.RulesetId && !string.IsNullOrWhiteSpace(request.HandSizes)
            ? GameOptions.With((OhHellConfig.HandSizesKey, request.HandSizes.Trim()))
            : GameOptions.Default;
        var gameOptions = settings with { TurnTimeout = timeout };
        var gameId = $"{request.RulesetId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}";
        try
        {
            var game = client.Game(gameId);
            var created = await game.CreateAsync(player.Id, request.RulesetId, gameOptions, cancellationToken: cancellationToken);
            if (!created.Accepted)
            {
                return ApiError.BadRequest(created.Rejection!.Code.ToString(), created.Rejection.Message);
            }

            var joined = await game.JoinAsync(player.Id, cancellationToken: cancellationToken);
            return joined.Accepted
                ? Results.Created($"{WebFrontend.DefaultPath}/game?id={gameId}", new Created(gameId))
                : ApiError.BadRequest(joined.Rejection!.Code.ToString(), joined.Rejection.Message);
        }
        catch (Exception exception) when (ApiError.From(exception) is { } answer)
        {
            return answer;
        }
    }
}
