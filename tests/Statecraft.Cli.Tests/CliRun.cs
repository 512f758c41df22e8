using System.Text.Json;

namespace Statecraft.Cli.Tests;

/// <summary>One run of the tool, in process, with what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await StatecraftCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public JsonElement Json => JsonDocument.Parse(Output).RootElement;

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
