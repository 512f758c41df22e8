using System.CommandLine;
using System.CommandLine.Invocation;
using Statecraft.LoadTest.Options;
using Statecraft.LoadTest.Reporting;
using Statecraft.LoadTest.Running;

namespace Statecraft.LoadTest;

/// <summary>The entry point: parse the command line, then run.</summary>
internal static class Program
{
    /// <summary>How long Ctrl-C waits for the run to stop and the persistence flag to be restored before the process is ended.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(30);

    private static async Task<int> Main(string[] args)
    {
        var ui = ConsoleUi.ForConsole();
        var commandLine = new LoadTestCommandLine();
        commandLine.Root.SetAction(async (parseResult, cancellationToken) =>
        {
            var (options, problems) = commandLine.Bind(parseResult);
            return options is null ? InvalidArguments(ui, problems) : await LoadTestApp.RunAsync(options, ui, cancellationToken);
        });

        var parsed = commandLine.Parse(args);

        // System.CommandLine answers syntax errors with exit code 1, which this tool keeps for connection failures.
        if (parsed.Action is ParseErrorAction)
        {
            return InvalidArguments(ui, [.. parsed.Errors.Select(error => error.Message)]);
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = ShutdownGrace });
    }

    private static int InvalidArguments(ConsoleUi ui, IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            ui.Error(problem);
        }

        ui.Info("Run with --help for the options.");
        return ExitCodes.InvalidArguments;
    }
}
