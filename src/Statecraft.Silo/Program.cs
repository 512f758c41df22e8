using Statecraft.Silo.Hosting;

// "--demo" starts bot players; it is a plain switch, so it is taken out before ASP.NET parses key=value arguments.
var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder([.. args.Where(arg => arg != "--demo")]);
if (demo)
{
    builder.Configuration.AddInMemoryCollection([new("Statecraft:Demo:Enabled", "true")]);
}

builder.AddStatecraftSilo();
var app = builder.Build();
app.MapStatecraftEndpoints();
await app.RunAsync();

/// <summary>The silo's entry point (public for in-process tests).</summary>
public partial class Program;
