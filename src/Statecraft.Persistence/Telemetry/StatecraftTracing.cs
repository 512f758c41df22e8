using System.Diagnostics;

namespace Statecraft.Persistence.Telemetry;

/// <summary>
/// The one <c>Statecraft</c> activity source for traces of the command path (grain command → store operations). Like
/// the meter, process-wide: starting an activity costs nothing when no tracer listens (tracing is off by default).
/// </summary>
public static class StatecraftTracing
{
    /// <summary>The source's name, to trace it (<c>AddSource(StatecraftTracing.Name)</c>).</summary>
    public const string Name = "Statecraft";

    /// <summary>The source.</summary>
    public static ActivitySource Source { get; } = new(Name);
}
