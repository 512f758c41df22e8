using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace Statecraft.Benchmarks.Peers;

/// <summary>What one measured window cost: this process's CPU and allocations, the Redis server's CPU, commands (those run inside scripts included), scripts and bytes in, and our store's calls.</summary>
internal readonly record struct ResourceUse(TimeSpan ProcessCpu, long AllocatedBytes, double RedisCpuSeconds, long RedisCommands, long RedisScripts, long RedisBytesIn, long StoreCalls);

/// <summary>
/// Reads the counters a window is measured by. The silo and the load driver share this process, so its CPU time
/// includes the driver's (the same for every grain); Redis CPU comes from <c>INFO cpu</c>, commands and bytes from
/// <c>INFO stats</c> (the two INFO calls per reading are in the counts, a negligible two commands per window).
/// </summary>
internal sealed class ResourceMeter(IServer? redis, Func<long> storeCalls)
{
    public async Task<ResourceUse> ReadAsync()
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        if (redis is null)
        {
            return new ResourceUse(cpu, allocated, 0, 0, 0, 0, storeCalls());
        }

        var info = (await redis.InfoAsync("everything")).SelectMany(group => group).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        return new ResourceUse(cpu, allocated,
            Parse(info["used_cpu_user"]) + Parse(info["used_cpu_sys"]),
            (long)Parse(info["total_commands_processed"]),
            Calls(info, "cmdstat_evalsha") + Calls(info, "cmdstat_eval"),
            (long)Parse(info["total_net_input_bytes"]),
            storeCalls());
    }

    public static ResourceUse Delta(ResourceUse before, ResourceUse after) => new(
        after.ProcessCpu - before.ProcessCpu,
        after.AllocatedBytes - before.AllocatedBytes,
        after.RedisCpuSeconds - before.RedisCpuSeconds,
        after.RedisCommands - before.RedisCommands,
        after.RedisScripts - before.RedisScripts,
        after.RedisBytesIn - before.RedisBytesIn,
        after.StoreCalls - before.StoreCalls);

    /// <summary>A command's calls from <c>INFO commandstats</c> (<c>calls=N,usec=…</c>); 0 when never called.</summary>
    private static long Calls(Dictionary<string, string> info, string command) =>
        info.TryGetValue(command, out var stats) ? long.Parse(stats.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture) : 0;

    private static double Parse(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
