namespace Statecraft.Grains.Operations;

/// <summary>Where this silo's HTTP endpoints answer for others (the host registers it; reported to operators' tools).</summary>
public sealed record SiloHttpAddress(string Url);
