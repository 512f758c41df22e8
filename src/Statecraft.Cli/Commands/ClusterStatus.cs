using Statecraft.Abstractions.Flags;
using Statecraft.Abstractions.Operations;

namespace Statecraft.Cli.Commands;

internal enum Health
{
    Healthy,
    Degraded,
    Down,
}

/// <summary>What <c>statecraft status</c> found (also its <c>--json</c> document).</summary>
internal sealed record ClusterStatus(
    Health Health,
    IReadOnlyList<string> Problems,
    IReadOnlyList<SiloRow> Silos,
    int DeadSilos,
    IReadOnlyDictionary<string, long> ActiveGamesByPhase,
    FlagsStatus? Flags,
    StoreStatus? Store,
    IReadOnlyDictionary<string, long> RecoveriesByOutcome)
{
    public static ClusterStatus Down(string problem) =>
        new(Health.Down, [problem], [], 0, new Dictionary<string, long>(), null, null, new Dictionary<string, long>());

    /// <summary>Healthy unless something below says otherwise; down when no silo is active.</summary>
    public ClusterStatus WithVerdict()
    {
        if (Health == Health.Down)
        {
            return this;
        }

        var problems = new List<string>();
        if (!Silos.Any(s => s.Status == nameof(SiloStatus.Active)))
        {
            return this with { Health = Health.Down, Problems = ["no silo is active"] };
        }

        problems.AddRange(Silos.Where(s => s.Status != nameof(SiloStatus.Active)).Select(s => $"silo {s.Address} is {s.Status}"));
        problems.AddRange(Silos.Where(s => s.Report is { Circuit: not "Closed" }).Select(s => $"silo {s.Address}: the {s.Report!.Store} circuit is {s.Report.Circuit} ({s.Report.OnStoreOutage})"));
        problems.AddRange(Silos.Where(s => s.Report is { DegradedGames: > 0 }).Select(s => $"silo {s.Address}: {s.Report!.DegradedGames} games hold changes only memory has"));
        if (Flags is { } flags)
        {
            problems.AddRange(FlagNames.BuiltIn
                .Where(flag => flags.Values.TryGetValue(flag, out var value) && value != "on")
                .Select(flag => $"flag {flag} is {flags.Values[flag]}"));
        }

        if (Store is { Reachable: false } store)
        {
            problems.Add(store.Error ?? "the store did not answer");
        }

        return this with { Health = problems.Count == 0 ? Health.Healthy : Health.Degraded, Problems = problems };
    }
}

/// <summary>One silo: from the membership table, the runtime statistics and its own report (null until it sent one).</summary>
internal sealed record SiloRow(
    string Address,
    string Name,
    string Status,
    DateTime StartedAt,
    TimeSpan Uptime,
    int? Activations,
    int GameActivations,
    long? Clients,
    float? CpuPercent,
    long? MemoryBytes,
    SiloReport? Report);

internal sealed record FlagsStatus(long Revision, IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> ChangedAtRuntime);

internal sealed record StoreStatus(string Store, bool Reachable, double? RoundTripMilliseconds, string? Error);
