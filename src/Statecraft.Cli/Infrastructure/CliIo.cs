using System.CommandLine;

namespace Statecraft.Cli.Infrastructure;

/// <summary>What every command's action needs: the global options and where to print; turns failures into one line and an exit code.</summary>
internal sealed class CliIo(GlobalOptions globals, TextWriter output, TextWriter error)
{
    public GlobalOptions Globals { get; } = globals;

    /// <summary>Makes <paramref name="run"/> the action of <paramref name="command"/>.</summary>
    public void SetAction(Command command, Func<CliContext, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CliContext(parse, Globals, output, error);
            try
            {
                return await run(context, cancellationToken).ConfigureAwait(false);
            }
            catch (CliFailure failure)
            {
                await error.WriteLineAsync($"statecraft: {failure.Message}").ConfigureAwait(false);
                return failure.ExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync("statecraft: interrupted.").ConfigureAwait(false);
                return ExitCodes.Interrupted;
            }
            catch (Exception unexpected) when (unexpected is not OperationCanceledException)
            {
                // A defect or an answer nobody planned for: one line, the details only when asked for.
                await error.WriteLineAsync($"statecraft: failed: {CliFailure.OneLine(unexpected)}{(parse.GetValue(Globals.Verbose) ? $"\n{unexpected}" : " (--verbose shows the details)")}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        });
    }
}
