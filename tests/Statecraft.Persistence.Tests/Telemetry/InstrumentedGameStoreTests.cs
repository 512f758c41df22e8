using System.Diagnostics.Metrics;
using Statecraft.Persistence.Stores;
using Statecraft.Persistence.Telemetry;
using Statecraft.Persistence.Tests.Contract;

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

        Assert.Contains(mine, r => (string?)r.Tags["operation"] == "append" && (string?)r.Tags["outcome"] == "ok");
        Assert.Contains(mine, r => (string?)r.Tags["operation"] == "load" && (string?)r.Tags["outcome"] == "ok");
        Assert.Contains(mine, r => (string?)r.Tags["operation"] == "append" && (string?)r.Tags["outcome"] == "error");
        Assert.All(mine, r => Assert.True(r.Seconds >= 0));
    }
}
