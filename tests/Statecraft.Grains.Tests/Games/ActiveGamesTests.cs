using Statecraft.Grains.Games;

namespace Statecraft.Grains.Tests.Games;

public sealed class ActiveGamesTests
{
    [Fact]
    public async Task Eviction_candidates_and_the_phase_gauge_can_be_read_while_games_come_and_go()
    {
        using var games = new ActiveGames(TimeProvider.System);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var churn = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                games.Touch($"g{i % 5_000}", i % 2 == 0 ? "Playing" : "Lobby");
                if (i % 3 == 0)
                {
                    games.Remove($"g{(i * 7) % 5_000}");
                }
            }
        });

        var reads = 0;
        while (!stop.IsCancellationRequested)
        {
            Assert.True(games.BeyondCapacity(100).Count >= 0);
            Assert.True(games.ByPhase().Values.Sum() >= 0);
            reads++;
        }

        await churn;
        Assert.True(reads > 10);
    }

    [Fact]
    public void The_least_recently_used_games_beyond_capacity_are_the_candidates()
    {
        var clock = new ManualClock();
        using var games = new ActiveGames(clock);
        foreach (var id in new[] { "old", "middle", "new" })
        {
            games.Touch(id, "Playing");
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        games.Touch("old", "Playing");
        Assert.Equal(["middle"], games.BeyondCapacity(2));
        Assert.Empty(games.BeyondCapacity(3));
        Assert.Equal(new Dictionary<string, int> { ["Playing"] = 3 }, games.ByPhase());
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
