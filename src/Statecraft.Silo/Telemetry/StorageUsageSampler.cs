using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Statecraft.Persistence.Stores;
using Statecraft.Persistence.Telemetry;

namespace Statecraft.Silo.Telemetry;

/// <summary>
/// Measures the store's size in the background (<see cref="IGameStoreUsage"/>, one cheap call per interval) and serves
/// the last measurement as <c>statecraft_storage_bytes</c> and <c>statecraft_storage_records{kind}</c>, with the
/// operators' plan as <c>statecraft_storage_plan_bytes</c>. A scrape never waits on the store.
/// </summary>
internal sealed partial class StorageUsageSampler : BackgroundService
{
    private readonly IGameStoreUsage _usage;
    private readonly string _store;
    private readonly TelemetryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StorageUsageSampler> _logger;
    private readonly Meter _meter = new(StatecraftMeter.Name);
    private readonly ConcurrentDictionary<string, long> _records = new(StringComparer.Ordinal);
    private long? _bytes;
    private bool _failing;

    public StorageUsageSampler(IGameStoreUsage usage, IGameStoreHealth store, IOptions<TelemetryOptions> options, TimeProvider time, ILogger<StorageUsageSampler> logger)
    {
        _usage = usage;
        _store = store.Name;
        _options = options.Value;
        _time = time;
        _logger = logger;
        var storeTag = new KeyValuePair<string, object?>("store", _store);
        _meter.CreateObservableGauge("statecraft.storage.bytes", ObserveBytes, unit: "By", description: "Bytes the game store occupies, as last measured.");
        _meter.CreateObservableGauge("statecraft.storage.records", ObserveRecords, description: "Records in the game store by kind, as last measured.");
        _meter.CreateObservableGauge("statecraft.storage.plan_bytes", () => new Measurement<long>(_options.StoragePlanBytes, storeTag), unit: "By",
            description: "The storage planned for the game store (Statecraft:Telemetry:StoragePlanBytes).");
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.StorageSampleInterval, _time);
        do
        {
            await SampleAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SampleAsync(CancellationToken stoppingToken)
    {
        try
        {
            var usage = await _usage.MeasureUsageAsync(stoppingToken);
            _bytes = usage.Bytes;
            foreach (var (kind, count) in usage.Records)
            {
                _records[kind] = count;
            }

            if (_failing)
            {
                _failing = false;
                LogRecovered(_store);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Keep the last figures: a store outage is reported by the breaker and the store errors, not by a size of 0.
            if (!_failing)
            {
                _failing = true;
                LogFailed(exception, _store);
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveBytes()
    {
        if (_bytes is { } bytes)
        {
            yield return new Measurement<long>(bytes, new KeyValuePair<string, object?>("store", _store));
        }
    }

    private IEnumerable<Measurement<long>> ObserveRecords() =>
        _records.Select(pair => new Measurement<long>(pair.Value, new KeyValuePair<string, object?>("store", _store), new KeyValuePair<string, object?>("kind", pair.Key)));

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Measuring the size of the {Store} game store failed; the storage metrics keep their last values until it succeeds")]
    private partial void LogFailed(Exception exception, string store);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information, Message = "Measuring the size of the {Store} game store works again")]
    private partial void LogRecovered(string store);
}
