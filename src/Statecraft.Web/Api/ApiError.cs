using Statecraft.Abstractions.Grains;

namespace Statecraft.Web.Api;

/// <summary>
/// The one error shape of the API: a stable code, a message a person can read, and whether retrying the same request
/// (with the same command id) may work.
/// </summary>
public sealed record ApiError(string Code, string Message, bool Retry = false)
{
    public static IResult BadRequest(string code, string message) => Results.Json(new ApiError(code, message), statusCode: StatusCodes.Status400BadRequest);

    public static IResult SignInFirst() =>
        Results.Json(new ApiError("NoPlayer", "Choose a name first: POST /play/api/session."), statusCode: StatusCodes.Status401Unauthorized);

    /// <summary>The answer for an exception from the cluster, or null when it is not one the API turns into an answer.</summary>
    public static IResult? From(Exception exception) => exception switch
    {
        GameRequestRefusedException refused => Results.Json(new ApiError(refused.Code.ToString(), refused.Message), statusCode: StatusCodes.Status400BadRequest),
        GameStorageUnavailableException storage => Results.Json(
            new ApiError("StorageUnavailable", "The game's storage is out; nothing was applied.", storage.IsWorthRetryingNow), statusCode: StatusCodes.Status503ServiceUnavailable),
        TimeoutException or OrleansException => Results.Json(
            new ApiError("Unavailable", "The cluster did not answer in time; it may have applied the command — retry it as it was.", Retry: true),
            statusCode: StatusCodes.Status503ServiceUnavailable),
        _ => null,
    };
}
