using System.Diagnostics;

namespace Statecraft.Testing;

/// <summary>A command-line tool run to completion (promtool, amtool, node), with its exit code and everything it printed.</summary>
public sealed record ExternalTool(int ExitCode, string Output)
{
    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="arguments"/>; <paramref name="input"/> is written to its standard
    /// input. A run longer than <paramref name="timeout"/> (3 minutes by default) is killed and throws.
    /// </summary>
    public static async Task<ExternalTool> RunAsync(
        string file, IEnumerable<string> arguments, string? workingDirectory = null, string? input = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            WorkingDirectory = workingDirectory ?? RepositoryRoot.Path,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"{file} is not installed; ./test.sh installs the test prerequisites.", exception);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
                process.StandardInput.Close();
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout ?? TimeSpan.FromMinutes(3));
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new ExternalTool(process.ExitCode, (await output.ConfigureAwait(false)) + (await error.ConfigureAwait(false)));
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}
