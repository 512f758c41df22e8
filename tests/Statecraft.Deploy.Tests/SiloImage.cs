using Statecraft.Testing;

namespace Statecraft.Deploy.Tests;

/// <summary>
/// The repository's Dockerfile built once per test run, exactly as an operator builds it, on the base images
/// <c>tools/docker/base-images.sh</c> assembles where registries are out of reach (it also starts a Docker Engine if
/// none answers). A machine where Docker cannot start fails here: container tests never skip.
/// </summary>
public sealed class SiloImage : IAsyncLifetime
{
    public const string Name = "statecraft-silo:test";

    public async ValueTask InitializeAsync()
    {
        var script = RepositoryRoot.File("tools/docker/base-images.sh");
        var bases = await ExternalTool.RunAsync("bash", [script], timeout: TimeSpan.FromMinutes(15));
        if (bases.ExitCode != 0)
        {
            throw new InvalidOperationException($"The base images could not be made (Docker must work for these tests): {bases}");
        }

        // The script prints the two names on standard output; its progress lines (standard error) come with them.
        var names = bases.Output.Split('\n').Select(line => line.Trim()).Last(line => line.StartsWith("statecraft-base/", StringComparison.Ordinal)).Split(' ');
        var build = await ExternalTool.RunAsync("docker",
            ["build", "--force-rm", "--network", "host", "--build-arg", $"SDK_IMAGE={names[0]}", "--build-arg", $"RUNTIME_IMAGE={names[1]}", "-t", Name, "."],
            timeout: TimeSpan.FromMinutes(20));
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker build failed: {build}");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
