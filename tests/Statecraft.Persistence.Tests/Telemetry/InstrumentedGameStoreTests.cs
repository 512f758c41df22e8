using System.Diagnostics.Metrics;
using Statecraft.Persistence.Records;
using Statecraft.Persistence.Stores;
using Statecraft.Persistence.Telemetry;
using Statecraft.Persistence.Tests.Contract;
using Statecraft.Testing;

namespace Statecraft.Persistence.Tests.Telemetry;

public sealed class InstrumentedGameStoreTests
{
    [Fact]
    public async Task Each_operation_records_its_duration_with_store_operation_and_outcome()
    {
        var recorded = new List<(double Seconds, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StatecraftMeter.Name && instrument.Name == "statecraft.store.operation.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            lock (recorded)
            {
                recorded.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        listener.Start();

        var store = new InstrumentedGameStore(new InMemoryGameStore());
        var ct = TestContext.Current.CancellationToken;
        await store.AppendAsync(RecordFactory.Append("metered-game", 1, 2), ct);
        await store.LoadAsync("metered-game", cancellationToken: ct);
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.AppendAsync(RecordFactory.Append("metered-game", 5, 4), ct));

        List<(double Seconds, Dictionary<string, object?> Tags)> mine;
        lock (recorded)
        {
            mine = [.. recorded.Where(r => r.Tags["store"] as string == "memory")];
        }

        Assert.Contains(mine, r => (string?)r.Tags["operation"] == "commit" && (string?)r.Tags["outcome"] == "ok");
        Assert.Contains(mine, r => (string?)r.Tags["operation"] == "load" && (string?)r.Tags["outcome"] == "ok");
        Assert.Contains(mine, r => (string?)r.Tags["operation"] == "commit" && (string?)r.Tags["outcome"] == "error");
        Assert.All(mine, r => Assert.True(r.Seconds >= 0));
    }

    [Fact]
    public async Task Failures_and_conflicts_are_counted_by_kind_and_snapshot_only_appends_are_snapshots()
    {
        var errors = new List<Dictionary<string, object?>>();
        var durations = new List<Dictionary<string, object?>>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StatecraftMeter.Name && instrument.Name is "statecraft.store.errors" or "statecraft.store.operation.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (errors)
            {
                if (value > 0)
                {
                    errors.Add(tags.ToArray().ToDictionary(t => t.Key, t => t.Value));
                }
            }
        });
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            lock (durations)
            {
                durations.Add(tags.ToArray().ToDictionary(t => t.Key, t => t.Value));
            }
        });
        listener.Start();

        var store = new InstrumentedGameStore(new TimingOutStore(new InMemoryGameStore()));
        var ct = TestContext.Current.CancellationToken;
        await store.AppendAsync(RecordFactory.Append("counted-game", 1, 2), ct);
        Assert.Equal(AppendStatus.Conflict, (await store.AppendAsync(RecordFactory.Append("counted-game", 1, 3), ct)).Status);
        await Assert.ThrowsAsync<TimeoutException>(async () => await store.LoadAsync("counted-game", cancellationToken: ct));
        await store.AppendAsync(new AppendRequest(RecordFactory.Header("counted-game", 2), 2, [], RecordFactory.Snapshot("counted-game", 2), Guid.NewGuid()), ct);

        lock (errors)
        {
            var mine = errors.Where(e => e["store"] as string == "memory").ToList();
            Assert.Contains(mine, e => e["operation"] as string == "commit" && e["kind"] as string == "conflict");
            Assert.Contains(mine, e => e["operation"] as string == "load" && e["kind"] as string == "timeout");
        }

        lock (durations)
        {
            Assert.Contains(durations, d => d["store"] as string == "memory" && d["operation"] as string == "snapshot" && d["outcome"] as string == "ok");
        }
    }

    [Theory]
    [InlineData(typeof(TimeoutException), StoreErrorKind.Timeout)]
    [InlineData(typeof(OperationCanceledException), StoreErrorKind.Timeout)]
    [InlineData(typeof(System.Net.Sockets.SocketException), StoreErrorKind.Unavailable)]
    [InlineData(typeof(IOException), StoreErrorKind.Unavailable)]
    [InlineData(typeof(FakeRedisConnectionException), StoreErrorKind.Unavailable)]
    [InlineData(typeof(InvalidOperationException), StoreErrorKind.Other)]
    public void Exceptions_are_classified(Type type, StoreErrorKind expected) =>
        Assert.Equal(expected, StoreErrors.Classify((Exception)Activator.CreateInstance(type)!));

    [Fact]
    public void A_wrapped_cause_is_classified_by_the_cause() =>
        Assert.Equal(StoreErrorKind.Unavailable, StoreErrors.Classify(new InvalidOperationException("outer", new IOException("socket closed"))));

    /// <summary>Named like StackExchange.Redis' connection failure, which this layer cannot reference.</summary>
    public sealed class FakeRedisConnectionException : Exception;

    private sealed class TimingOutStore(IGameStore inner) : DelegatingGameStore(inner)
    {
        public override ValueTask<StoredGame?> LoadAsync(string gameId, long? snapshotBeforeVersion = null, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<StoredGame?>(new TimeoutException("The store did not answer."));
    }
}
