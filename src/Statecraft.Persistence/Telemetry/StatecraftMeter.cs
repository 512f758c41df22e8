using System.Diagnostics.Metrics;

namespace Statecraft.Persistence.Telemetry;

/// <summary>
/// The one <c>Statecraft</c> meter that every Statecraft instrument records on and silos export to Prometheus. It
/// lives in the lowest layer that records anything (persistence), so the grains and hosts above share it. Process-wide
/// because the instruments are static: counters on hot paths need no lookup per call.
/// </summary>
public static class StatecraftMeter
{
    /// <summary>The meter's name, to export it (<c>AddMeter(StatecraftMeter.Name)</c>) or listen to it.</summary>
    public const string Name = "Statecraft";

    /// <summary>The meter.</summary>
    public static Meter Instance { get; } = new(Name);
}
