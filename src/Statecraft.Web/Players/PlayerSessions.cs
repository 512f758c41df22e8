using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Statecraft.Web.Players;

/// <summary>
/// Who a browser plays as. The browser picks a name; the server gives it a random secret (an HTTP-only cookie) and
/// derives the player id from both: <c>name-</c> and 12 hex digits of SHA-256 of the secret. Every command takes the
/// player id from the cookie, never from the request body, so a page can act only for its own player; taking over
/// someone's id means finding a secret with the same 48-bit hash prefix. No password and no server-side state: the
/// id survives restarts of the frontend and works on every instance of it.
/// </summary>
public static partial class PlayerSessions
{
    public const string CookieName = "statecraft-player";

    private const int MaxNameLength = 20;

    /// <summary>The player of this request, if it has a valid session cookie.</summary>
    public static bool TryGet(HttpContext http, out Player player)
    {
        ArgumentNullException.ThrowIfNull(http);
        player = null!;
        if (http.Request.Cookies[CookieName] is not { Length: > 0 and < 200 } cookie)
        {
            return false;
        }

        var separator = cookie.IndexOf('.', StringComparison.Ordinal);
        if (separator <= 0 || !ValidName().IsMatch(cookie[..separator]) || cookie.Length - separator - 1 != 32)
        {
            return false;
        }

        var name = cookie[..separator];
        player = new Player(name, IdOf(name, cookie[(separator + 1)..]));
        return true;
    }

    /// <summary>Starts a session as <paramref name="name"/>, or says why the name is refused.</summary>
    public static bool TryStart(HttpContext http, string? name, out Player player, out string problem)
    {
        ArgumentNullException.ThrowIfNull(http);
        player = null!;
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || !ValidName().IsMatch(name))
        {
            problem = $"A name is 1 to {MaxNameLength} letters, digits, '_' or '-'.";
            return false;
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(CookieName, $"{name}.{secret}", new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(30),
            Path = "/",
        });
        player = new Player(name, IdOf(name, secret));
        problem = string.Empty;
        return true;
    }

    /// <summary>Ends the session (the player's seats stay taken by an id nobody holds any more).</summary>
    public static void End(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
    }

    /// <summary>The display name of a player id made here (<c>ann-0123456789ab</c> → <c>ann</c>); other ids unchanged.</summary>
    public static string NameOf(string playerId)
    {
        ArgumentNullException.ThrowIfNull(playerId);
        var dash = playerId.LastIndexOf('-');
        return dash > 0 && playerId.Length - dash - 1 == 12 ? playerId[..dash] : playerId;
    }

    private static string IdOf(string name, string secret) =>
        $"{name}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..12]}";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,20}$")]
    private static partial Regex ValidName();
}
