using Statecraft.Testing;

namespace Statecraft.Deploy.Tests;

/// <summary>The docker command line, failing with its output when a command fails.</summary>
internal static class Docker
{
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var run = await ExternalTool.RunAsync("docker", arguments, cancellationToken: TestContext.Current.CancellationToken);
        return run.ExitCode == 0 ? run.Output.Trim() : throw new InvalidOperationException($"docker {string.Join(' ', arguments)} failed: {run}");
    }

    /// <summary>Removes a container whatever its state (cleanup; never throws).</summary>
    public static async Task RemoveAsync(string container)
    {
        try
        {
            await ExternalTool.RunAsync("docker", ["rm", "-f", "-v", container], cancellationToken: CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Docker itself is gone: nothing left to remove.
        }
    }

    /// <summary>Removes a named volume if it exists (cleanup; never throws).</summary>
    public static async Task RemoveVolumeAsync(string volume)
    {
        try
        {
            await ExternalTool.RunAsync("docker", ["volume", "rm", "-f", volume], cancellationToken: CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Docker itself is gone: nothing left to remove.
        }
    }
}
