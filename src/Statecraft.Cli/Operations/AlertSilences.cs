using System.Net.Http.Json;
using System.Text.Json;

namespace Statecraft.Cli.Operations;

/// <summary>
/// Alertmanager silences through its v2 API: one silence per rollback, for the alerts that a rollback makes fire on
/// purpose (persistence switched off), removed again by the undo.
/// </summary>
internal sealed class AlertSilences(HttpClient http, Uri alertmanager)
{
    /// <summary>Creates a silence for alerts whose labels match every <c>name=value</c> (or <c>name=~regex</c>) in <paramref name="matchers"/>; its id.</summary>
    public async Task<string> CreateAsync(IReadOnlyList<string> matchers, TimeSpan duration, string createdBy, string comment, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var body = new
        {
            matchers = matchers.Select(Matcher).ToList(),
            startsAt = now,
            endsAt = now + duration,
            createdBy,
            comment,
        };
        using var response = await http.PostAsJsonAsync(new Uri(alertmanager, "/api/v2/silences"), body, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Alertmanager at {alertmanager} refused the silence ({(int)response.StatusCode}): {text.Trim()}");
        }

        return JsonDocument.Parse(text).RootElement.GetProperty("silenceID").GetString()!;
    }

    /// <summary>Expires the silence (a silence that is gone already counts as removed).</summary>
    public async Task ExpireAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(new Uri(alertmanager, $"/api/v2/silence/{Uri.EscapeDataString(id)}"), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            throw new HttpRequestException($"Alertmanager at {alertmanager} did not expire silence {id} ({(int)response.StatusCode}).");
        }
    }

    /// <summary>Parses <c>name=value</c> or <c>name=~regex</c>.</summary>
    public static object Matcher(string text)
    {
        var regex = text.Contains("=~", StringComparison.Ordinal);
        var parts = text.Split(regex ? "=~" : "=", 2);
        return parts.Length == 2 && parts[0].Length > 0
            ? new { name = parts[0].Trim(), value = parts[1].Trim(), isRegex = regex, isEqual = true }
            : throw new FormatException($"'{text}' is not a matcher; use name=value or name=~regex.");
    }
}
