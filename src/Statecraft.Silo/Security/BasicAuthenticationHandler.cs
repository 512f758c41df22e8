using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Statecraft.Silo.Security;

/// <summary>
/// HTTP Basic authentication against the one dashboard account of <see cref="DashboardAccessOptions"/>. Credentials are
/// compared in constant time (as hashes, so lengths do not leak either), and a challenge names the realm so a browser
/// prompts. Use it over TLS (an ingress or a port-forward): Basic credentials are only encoded, not encrypted.
/// </summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory loggerFactory, UrlEncoder encoder, DashboardAccessOptions access)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "Basic";

    private readonly byte[]? _expected = access.Password is { } password ? Digest(access.Username, password) : null;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, SchemeName, StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (_expected is null)
        {
            return Task.FromResult(AuthenticateResult.Fail($"No password is set ({DashboardAccessOptions.SectionName}:Password)."));
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("The Basic credentials are not base64."));
        }

        var separator = decoded.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0 || !CryptographicOperations.FixedTimeEquals(Digest(decoded[..separator], decoded[(separator + 1)..]), _expected))
        {
            return Task.FromResult(AuthenticateResult.Fail("Wrong user name or password."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, access.Username)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"Statecraft dashboard\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    private static byte[] Digest(string user, string password) => SHA256.HashData(Encoding.UTF8.GetBytes($"{user}:{password}"));
}
