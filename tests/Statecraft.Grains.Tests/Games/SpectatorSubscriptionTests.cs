using System.Text.Json;
using Statecraft.Abstractions.Games;
using Statecraft.Engine.Rulesets.OhHell;
using Statecraft.Grains.Tests.Cluster;

namespace Statecraft.Grains.Tests.Games;

/// <summary>A spectator (no player) subscribes to a game and receives every change, with no hand in it.</summary>
public sealed class SpectatorSubscriptionTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_spectator_subscription_receives_views_without_hands()
    {
        var ct = TestContext.Current.CancellationToken;
        var game = fixture.Client.Game($"spectate-{Guid.NewGuid():N}");
        Assert.True((await game.CreateAsync("p0", OhHellRules.RulesetId, GameOptions.With((OhHellConfig.HandSizesKey, "3,2,1")), cancellationToken: ct)).Accepted);
        var views = new List<GameView>();
        var started = new TaskCompletionSource();
        await using var subscription = await game.SubscribeAsync(null, view =>
        {
            lock (views)
            {
                views.Add(view);
            }

            if (view.Phase != GamePhase.Lobby)
            {
                started.TrySetResult();
            }

            return Task.CompletedTask;
        }, ct);

        foreach (var player in new[] { "p0", "p1", "p2" })
        {
            Assert.True((await game.JoinAsync(player, cancellationToken: ct)).Accepted);
        }

        Assert.True((await game.StartAsync("p0", cancellationToken: ct)).Accepted);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        lock (views)
        {
            Assert.All(views, view => Assert.Null(view.Viewer));
            var dealt = views.Last();
            using var details = JsonDocument.Parse(dealt.Details);
            Assert.True(!details.RootElement.TryGetProperty("hand", out var hand) || hand.ValueKind == JsonValueKind.Null, dealt.Details);
        }
    }
}
