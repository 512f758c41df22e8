using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Storage;
using StackExchange.Redis;
using Statecraft.Providers.Tests.Contract;
using Statecraft.Testing;

namespace Statecraft.Providers.Tests;

/// <summary>
/// Orleans' Redis grain storage — what a Redis-stored silo keeps its flags in — against a real redis-server, with the
/// serializer the silo configures for it. Each test uses its own keys (a fresh service id).
/// </summary>
public sealed class RedisGrainStorageTests(RedisServerFixture redis) : GrainStorageContract, IClassFixture<RedisServerFixture>
{
    private readonly string _serviceId = $"t{Guid.NewGuid():N}";

    protected override bool ReportsStoredETagOnConflict => false;

    protected override IGrainStorage CreateStorage()
    {
        var options = new RedisStorageOptions
        {
            ConfigurationOptions = ConfigurationOptions.Parse(redis.ConnectionString),
            GrainStorageSerializer = Serializer(),
            DeleteStateOnClear = true,
        };
        var storage = new RedisGrainStorage(
            "flags",
            options,
            Serializer(),
            Options.Create(new ClusterOptions { ClusterId = "test", ServiceId = _serviceId }),
            Activators(),
            NullLogger<RedisGrainStorage>.Instance);
        StartedSiloLifecycle.Start(storage);
        return storage;
    }

    protected override async Task<int> CountStoredRecordsAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var count = 0;
        await foreach (var _ in server.KeysAsync(pattern: $"{_serviceId}/*"))
        {
            count++;
        }

        return count;
    }
}
