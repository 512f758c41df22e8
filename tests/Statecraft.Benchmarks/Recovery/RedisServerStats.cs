using System.Globalization;
using StackExchange.Redis;

namespace Statecraft.Benchmarks.Recovery;

/// <summary>
/// What the Redis server reports about its own work (<c>INFO stats</c>, <c>cpu</c>, <c>commandstats</c>,
/// <c>memory</c>), read through a connection of the harness's own; the difference of two readings is the work between them.
/// </summary>
internal sealed record RedisServerStats(double CpuSeconds, long UsedMemory, IReadOnlyDictionary<string, long> CallsByCommand)
{
    /// <summary>Commands the game store sent: every command except the harness's own <c>INFO</c> readings.</summary>
    public long StoreCommands => CallsByCommand.Where(c => c.Key != "info").Sum(c => c.Value);

    public static async Task<RedisServerStats> ReadAsync(IDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        // One INFO for all sections, so a reading adds one command to what it counts, and that one is excluded.
        var info = (string?)await database.ExecuteAsync("INFO", "cpu", "memory", "commandstats") ?? string.Empty;
        var fields = info.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#') && line.Contains(':', StringComparison.Ordinal))
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
        double Seconds(string name) => double.Parse(fields[name], CultureInfo.InvariantCulture);
        // cmdstat_evalsha:calls=12,usec=…,… → evalsha: 12
        var calls = fields.Where(f => f.Key.StartsWith("cmdstat_", StringComparison.Ordinal)).ToDictionary(
            f => f.Key["cmdstat_".Length..],
            f => long.Parse(f.Value.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture),
            StringComparer.Ordinal);
        return new RedisServerStats(Seconds("used_cpu_user") + Seconds("used_cpu_sys"), long.Parse(fields["used_memory"], CultureInfo.InvariantCulture), calls);
    }

    /// <summary>The work done since <paramref name="earlier"/> (memory is this reading's).</summary>
    public RedisServerStats Since(RedisServerStats earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return this with
        {
            CpuSeconds = CpuSeconds - earlier.CpuSeconds,
            CallsByCommand = CallsByCommand.ToDictionary(c => c.Key, c => c.Value - earlier.CallsByCommand.GetValueOrDefault(c.Key), StringComparer.Ordinal),
        };
    }

    /// <summary>Calls by command, busiest first, e.g. <c>evalsha 10,012, zrange 3</c>.</summary>
    public string Describe() => string.Join(", ", CallsByCommand.Where(c => c.Value > 0).OrderByDescending(c => c.Value)
        .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value:N0}")));
}
