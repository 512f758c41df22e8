using System.Diagnostics;

namespace Statecraft.Testing;

/// <summary>
/// A server process a test started: its output is kept for failure messages, and disposal kills exactly this
/// process (by its PID) and its children.
/// </summary>
public class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    /// <summary>Starts <paramref name="start"/> with output captured.</summary>
    public ServerProcess(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The process id.</summary>
    public int Pid => _process.Id;

    /// <summary>True once the process ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(80));
            }
        }
    }

    /// <summary>Every line the process wrote so far (standard output and error).</summary>
    public IReadOnlyList<string> OutputLines
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>How many lines of everything the process wrote contain <paramref name="text"/>.</summary>
    public int CountOutputLines(string text)
    {
        lock (_output)
        {
            return _output.Count(line => line.Contains(text, StringComparison.Ordinal));
        }
    }

    /// <summary>The exit code, once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for the process to exit by itself; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Asks the process to stop as an orchestrator or Ctrl-C does (SIGTERM), and waits for it to exit; true when it
    /// exited within <paramref name="timeout"/>.
    /// </summary>
    public async Task<bool> StopGracefullyAsync(TimeSpan timeout)
    {
        await SignalAsync("TERM").ConfigureAwait(false);
        return await WaitForExitAsync(timeout).ConfigureAwait(false);
    }

    /// <summary>Freezes the process (SIGSTOP): it keeps its sockets open but answers nothing, like a hung server.</summary>
    public Task PauseAsync() => SignalAsync("STOP");

    /// <summary>Lets a frozen process run again (SIGCONT).</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    /// <summary>Sends a signal to this process (only this one, by its PID) unless it has exited.</summary>
    public Task SignalAsync(string signal) => Signals.SendAsync(_process, signal);

    /// <summary>Kills the process at once, like <c>kill -9</c>.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
        await OnDisposedAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Cleanup after the process ended (temporary files).</summary>
    protected virtual ValueTask OnDisposedAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Waits until <paramref name="ready"/> answers 2xx (a Prometheus-style <c>/-/ready</c>), failing fast when the
    /// process exits; on timeout the process is stopped and the error carries its output.
    /// </summary>
    protected async Task WaitUntilHttpReadyAsync(Uri ready, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            ThrowIfExited(what);
            try
            {
                using var response = await http.GetAsync(ready, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to answer while starting.
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        var output = Output;
        await DisposeAsync().ConfigureAwait(false);
        throw new TimeoutException($"{what} was not ready at {ready} within {timeout}:\n{output}");
    }

    /// <summary>Throws with the process output when it has exited.</summary>
    protected void ThrowIfExited(string what)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{what} exited with code {_process.ExitCode}:\n{Output}");
        }
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }
}
