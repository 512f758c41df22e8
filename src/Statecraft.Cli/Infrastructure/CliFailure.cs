namespace Statecraft.Cli.Infrastructure;

/// <summary>A failure the tool reports in one line (no stack trace) with its exit code.</summary>
internal sealed class CliFailure(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;

    public static CliFailure Unreachable(string what, Exception cause) =>
        new(ExitCodes.Unreachable, $"Could not reach {what}: {OneLine(cause)}", cause);

    /// <summary>The first line of an exception's message, and of its innermost cause when that says more.</summary>
    public static string OneLine(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        var first = FirstLine(exception.Message);
        var cause = FirstLine(inner.Message);
        return ReferenceEquals(inner, exception) || first.Contains(cause, StringComparison.Ordinal) ? first : $"{first} ({cause})";
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
