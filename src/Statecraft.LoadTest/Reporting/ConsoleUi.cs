using Spectre.Console;

namespace Statecraft.LoadTest.Reporting;

/// <summary>
/// Where the load test writes: status and errors through Spectre.Console (colour on a terminal, plain text otherwise)
/// on standard error, the live progress line and the final report on standard output. The progress line overwrites
/// itself with a carriage return on a terminal and prints one plain line per second when redirected, so logs stay
/// readable. The report is written as raw text, never through Spectre, so no wrapping or markup can touch the table.
/// </summary>
internal sealed class ConsoleUi
{
    private readonly IAnsiConsole _status;
    private readonly TextWriter _out;
    private readonly bool _overwrite;
    private readonly Lock _gate = new();
    private int _progressWidth;

    /// <summary>
    /// Writes to <paramref name="output"/> and <paramref name="error"/>; <paramref name="interactive"/> when the output
    /// is a terminal, <paramref name="errorInteractive"/> when the error stream is.
    /// </summary>
    public ConsoleUi(TextWriter output, TextWriter error, bool interactive, bool errorInteractive)
    {
        _out = output;
        _overwrite = interactive;
        _status = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
        });
        if (!errorInteractive)
        {
            // Spectre wraps at 80 columns when it cannot see a terminal; a log file wants whole lines.
            _status.Profile.Width = short.MaxValue;
        }
    }

    /// <summary>The process's console.</summary>
    public static ConsoleUi ForConsole() => new(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected);

    /// <summary>A status message.</summary>
    public void Info(string message) => Status("grey", message);

    /// <summary>A warning that does not stop the run.</summary>
    public void Warn(string message) => Status("yellow", message);

    /// <summary>An error.</summary>
    public void Error(string message) => Status("red", message);

    /// <summary>Shows the progress line.</summary>
    public void Progress(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        lock (_gate)
        {
            if (_overwrite)
            {
                // Pad over the previous line's tail when this one is shorter.
                _out.Write("\r" + line.PadRight(_progressWidth));
                _progressWidth = Math.Max(_progressWidth, line.Length);
            }
            else
            {
                _out.WriteLine(line);
            }

            _out.Flush();
        }
    }

    /// <summary>Ends the progress line so the next output starts on a fresh line.</summary>
    public void EndProgress()
    {
        lock (_gate)
        {
            if (_overwrite && _progressWidth > 0)
            {
                _out.WriteLine();
            }

            _progressWidth = 0;
        }
    }

    /// <summary>Writes the final report as is.</summary>
    public void Report(string text)
    {
        lock (_gate)
        {
            _out.WriteLine(text);
            _out.Flush();
        }
    }

    private void Status(string colour, string message)
    {
        lock (_gate)
        {
            // A status message in the middle of an overwritten progress line would be glued to it.
            if (_overwrite && _progressWidth > 0)
            {
                _out.WriteLine();
                _out.Flush();
                _progressWidth = 0;
            }

            _status.MarkupLineInterpolated($"[{colour}]{message}[/]");
        }
    }
}
