using Statecraft.Abstractions.Flags;
using Statecraft.Abstractions.Games;
using Statecraft.Engine.Rulesets.TicTacToe;

namespace Statecraft.Cluster.Tests;

/// <summary>
/// A password-protected Redis, the password given once as <c>Statecraft:Redis:Password</c> (not in the connection
/// string): membership, reminders, the flags' grain storage and the game store must all use it.
/// </summary>
public sealed class RedisAuthTests
{
    [Fact]
    public async Task Every_redis_consumer_uses_the_configured_password()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await ClusterRig.StartAsync(1, ["--Statecraft:Storage=Redis"], ct, redisPassword: $"s3cret-{Guid.NewGuid():N}");

        // Game store (a game), membership (the client found the gateway through Redis), flags' grain storage (a change).
        var game = rig.Client.Game($"auth-{Guid.NewGuid():N}");
        Assert.True((await game.CreateAsync("x", TicTacToeRules.RulesetId, new GameOptions { TurnTimeout = TimeSpan.FromMinutes(5) }, cancellationToken: ct)).Accepted);
        Assert.True((await game.JoinAsync("x", cancellationToken: ct)).Accepted);
        var flags = rig.ClusterClient.GetGrain<IFeatureFlagGrain>(IFeatureFlagGrain.Key);
        await flags.Change(new FlagChange { Name = FlagNames.EnableStateSnapshots, Enabled = false, ChangedBy = "test", Reason = "auth" });

        // A second silo joins the same cluster through the same password; the first leaves, so the flag grain is
        // activated again on the second and reads its state back from Redis.
        await using var second = await rig.AddSiloAsync(ct);
        using var http = new HttpClient();
        await second.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(90), ct);
        Assert.True(await rig.Silos[0].StopGracefullyAsync(TimeSpan.FromSeconds(60)), rig.Silos[0].Output);
        var snapshot = await WaitForAnswerAsync(() => flags.GetSnapshot(), ct);
        Assert.False(snapshot.IsEnabled(FlagNames.EnableStateSnapshots));
        Assert.Equal(1, snapshot.Revision);
        Assert.Equal(["x"], (await WaitForAnswerAsync(() => game.GetViewAsync(null, cancellationToken: ct), ct)).View!.Players);
    }

    private static async Task<T> WaitForAnswerAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + FailoverBounds.EveryGameAnswersWithin;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }
}
