using Microsoft.Extensions.Options;
using Statecraft.Silo.Hosting;

try
{
    // "--demo" starts bot players; it is a plain switch, so it is taken out before ASP.NET parses key=value arguments.
    var demo = args.Contains("--demo");
    var builder = WebApplication.CreateBuilder([.. args.Where(arg => arg != "--demo")]);
    if (demo)
    {
        builder.Configuration.AddInMemoryCollection([new("Statecraft:Demo:Enabled", "true")]);
    }

    builder.AddStatecraftSilo();
    var app = builder.Build();
    // Options marked ValidateOnStart are checked here, before any service starts, so a bad setting is one message.
    app.Services.GetService<IStartupValidator>()?.Validate();
    app.MapStatecraftEndpoints();
    await app.RunAsync();
    return SiloExitCodes.Ok;
}
catch (OptionsValidationException exception)
{
    await Console.Error.WriteLineAsync("Statecraft silo: the configuration is invalid; nothing was started.");
    foreach (var failure in exception.Failures.Distinct())
    {
        await Console.Error.WriteLineAsync($"  - {failure}");
    }

    await Console.Error.WriteLineAsync("Settings come from appsettings.json, environment variables (Statecraft__Section__Key) and --Statecraft:Section:Key=value arguments.");
    return SiloExitCodes.InvalidConfiguration;
}
catch (SiloStartupException exception)
{
    await Console.Error.WriteLineAsync($"Statecraft silo: {exception.Message}");
    return exception.ExitCode;
}
catch (Exception exception) when (exception is not OperationCanceledException)
{
    // The host has logged the details; say once, plainly, that start-up or the run failed.
    await Console.Error.WriteLineAsync($"Statecraft silo failed: {exception.GetType().Name}: {exception.Message}");
    return SiloExitCodes.Failed;
}

/// <summary>The silo's entry point (public for in-process tests).</summary>
public partial class Program;
