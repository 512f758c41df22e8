using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Statecraft.Web.Tests;

/// <summary>
/// At the wire: what the frontend sends a spectator and each player of an Oh Hell game (the view endpoint and the live
/// stream) never holds another player's cards, and no request can act for another player.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class HiddenCardsTests(WebSilo silo)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Spectators_see_no_hand_and_players_see_only_their_own()
    {
        using var ann = Browserless();
        using var bob = Browserless();
        using var cat = Browserless();
        using var spectator = Browserless();
        var names = new Dictionary<HttpClient, string> { [ann] = "ann", [bob] = "bob", [cat] = "cat" };
        foreach (var (player, name) in names)
        {
            (await player.PostAsJsonAsync("api/session", new { name }, Ct)).EnsureSuccessStatusCode();
        }

        var created = await (await ann.PostAsJsonAsync("api/games", new { rulesetId = "oh-hell", handSizes = "3,2,1" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var gameId = created.GetProperty("gameId").GetString()!;
        foreach (var player in new[] { bob, cat })
        {
            await CommandAsync(player, gameId, "join");
        }

        await CommandAsync(ann, gameId, "start");

        var hands = new Dictionary<string, string[]>();
        foreach (var player in new[] { ann, bob, cat })
        {
            var details = Details(await player.GetStringAsync($"api/games/{gameId}/view", Ct));
            hands[names[player]] = [.. details.GetProperty("hand").EnumerateArray().Select(c => c.GetString()!)];
            Assert.Equal(3, hands[names[player]].Length);
        }

        // Players: their own hand, and none of the others' cards anywhere in what they receive (view and stream).
        foreach (var player in new[] { ann, bob, cat })
        {
            var me = names[player];
            foreach (var json in new[] { await player.GetStringAsync($"api/games/{gameId}/view", Ct), await FirstEventAsync(player, $"api/games/{gameId}/events") })
            {
                var others = hands.Where(h => h.Key != me).SelectMany(h => h.Value).Except([TurnUp(json)]);
                Assert.All(others, card => Assert.DoesNotContain($"\\u0022{card}\\u0022", Escaped(json), StringComparison.Ordinal));
                Assert.Equal(hands[me], Details(json).GetProperty("hand").EnumerateArray().Select(c => c.GetString()!));
            }
        }

        // The spectator: no hand at all, from the view and from the stream; a session-less request is a spectator too.
        foreach (var json in new[]
        {
            await spectator.GetStringAsync($"api/games/{gameId}/view?spectate=1", Ct),
            await FirstEventAsync(spectator, $"api/games/{gameId}/events?spectate=1"),
            await FirstEventAsync(ann, $"api/games/{gameId}/events?spectate=1"),
        })
        {
            Assert.Equal(JsonValueKind.Null, Details(json).TryGetProperty("hand", out var hand) ? hand.ValueKind : JsonValueKind.Null);
            Assert.All(hands.Values.SelectMany(h => h).Except([TurnUp(json)]), card => Assert.DoesNotContain($"\\u0022{card}\\u0022", Escaped(json), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_command_acts_only_for_the_sessions_player_whatever_the_body_says()
    {
        using var ann = Browserless();
        using var mallory = Browserless();
        using var anonymous = Browserless();
        (await ann.PostAsJsonAsync("api/session", new { name = "ann" }, Ct)).EnsureSuccessStatusCode();
        (await mallory.PostAsJsonAsync("api/session", new { name = "mallory" }, Ct)).EnsureSuccessStatusCode();
        var created = await (await ann.PostAsJsonAsync("api/games", new { rulesetId = "tictactoe" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var gameId = created.GetProperty("gameId").GetString()!;
        var annId = (await ann.GetFromJsonAsync<JsonElement>("api/session", Ct)).GetProperty("playerId").GetString()!;

        // Mallory names Ann in the body: the field is ignored and the start is Mallory's, who is not even seated.
        var forged = await mallory.PostAsJsonAsync($"api/games/{gameId}/commands", new { action = "start", commandId = Guid.NewGuid(), playerId = annId, player = annId }, Ct);
        var answer = await forged.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(answer.GetProperty("accepted").GetBoolean());
        Assert.Equal("Lobby", Details(await ann.GetStringAsync($"api/games/{gameId}/view", Ct), "phase").GetString());

        // Without a session nothing can be sent at all; a forged cookie is no session.
        var unsigned = await anonymous.PostAsJsonAsync($"api/games/{gameId}/commands", new { action = "join", commandId = Guid.NewGuid() }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        // A hand-written Cookie header is sent only when the handler does not manage cookies itself.
        using var forgedCookie = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = silo.Play, Timeout = TimeSpan.FromSeconds(20) };
        forgedCookie.DefaultRequestHeaders.Add("Cookie", $"statecraft-player=ann.{new string('0', 31)}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forgedCookie.GetAsync("api/session", Ct)).StatusCode);
        forgedCookie.DefaultRequestHeaders.Remove("Cookie");
        forgedCookie.DefaultRequestHeaders.Add("Cookie", $"statecraft-player=ann.{new string('0', 32)}");
        var other = await forgedCookie.GetFromJsonAsync<JsonElement>("api/session", Ct);
        Assert.NotEqual(annId, other.GetProperty("playerId").GetString());
    }

    /// <summary>A cookie-keeping HTTP client: one browser without the browser.</summary>
    private HttpClient Browserless() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = silo.Play, Timeout = TimeSpan.FromSeconds(20) };

    private static async Task CommandAsync(HttpClient player, string gameId, string action)
    {
        var response = await player.PostAsJsonAsync($"api/games/{gameId}/commands", new { action, commandId = Guid.NewGuid() }, Ct);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(answer.GetProperty("accepted").GetBoolean(), answer.ToString());
    }

    private static async Task<string> FirstEventAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, Ct);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        while (await reader.ReadLineAsync(Ct) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return line["data: ".Length..];
            }
        }

        throw new InvalidOperationException("The stream ended before a view.");
    }

    private static JsonElement Details(string viewJson, string? property = null)
    {
        using var view = JsonDocument.Parse(viewJson);
        return property is null
            ? JsonDocument.Parse(view.RootElement.GetProperty("details").GetString()!).RootElement.Clone()
            : view.RootElement.GetProperty(property).Clone();
    }

    private static string TurnUp(string viewJson) => Details(viewJson).TryGetProperty("turnUp", out var turnUp) ? turnUp.GetString() ?? string.Empty : string.Empty;

    /// <summary>The view's JSON with its nested details unescaped, so a card is found as <c>\u0022QH\u0022</c> wherever it is.</summary>
    private static string Escaped(string viewJson) => viewJson.Replace("\\\"", "\\u0022", StringComparison.Ordinal).Replace("\"", "\\u0022", StringComparison.Ordinal);
}
