using Statecraft.Testing;

namespace Statecraft.Deploy.Tests;

/// <summary>
/// Every overlay renders with <c>kubectl kustomize</c> and every object passes the Kubernetes schemas and the project's
/// policy checks (<c>tools/validate/k8s.mjs</c>: non-root, read-only root filesystem, probes, resources, pinned images,
/// secrets only from Secrets and no secret-looking value anywhere, no public Service for silo ports); and a manifest breaking a policy is refused.
/// </summary>
public sealed class ManifestTests
{
    private static readonly string[] Overlays = ["k8s/overlays/local", "k8s/overlays/staging", "k8s/overlays/production"];

    [Fact]
    public async Task Every_overlay_renders_and_validates()
    {
        var run = await ValidateAsync([.. Overlays.Select(RepositoryRoot.File)]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("in 3 overlays valid", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("newTag: 1.0.0", "newTag: latest")]
    [InlineData("newTag: 1.0.0", "newTag: 1.0.0\nreplicas:\n  - name: statecraft-silo\n    count: \"three\"")]
    [InlineData("- Statecraft__Storage=Redis", "- Statecraft__Storage=Redis\n      - Statecraft__Redis__ConnectionString=redis:6379,password=hunter2-hunter2")]
    [InlineData("- Statecraft__Storage=Redis", "- Statecraft__Storage=Redis\n      - Statecraft__Telemetry__OtlpEndpoint=https://otel:s3cr3t@collector:4318")]
    [InlineData("- Statecraft__Storage=Redis", "- Statecraft__Storage=Redis\n      - Statecraft__DynamoDB__AccessKeyId=AKIAIOSFODNN7EXAMPLE")]
    public async Task A_broken_overlay_is_refused(string find, string replace)
    {
        var copy = Directory.CreateTempSubdirectory("statecraft-k8s-").FullName;
        try
        {
            CopyDirectory(RepositoryRoot.File("k8s"), copy);
            var kustomization = Path.Combine(copy, "overlays", "staging", "kustomization.yaml");
            var text = File.ReadAllText(kustomization);
            Assert.Contains(find, text, StringComparison.Ordinal);
            File.WriteAllText(kustomization, text.Replace(find, replace, StringComparison.Ordinal));
            var run = await ValidateAsync([Path.Combine(copy, "overlays", "staging")]);
            Assert.True(run.ExitCode == 1, run.ToString());
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static Task<ExternalTool> ValidateAsync(string[] overlays)
    {
        var tools = RepositoryRoot.File("tools/validate");
        Assert.True(Directory.Exists(Path.Combine(tools, "node_modules")), "tools/validate has no node_modules; ./test.sh runs npm ci there.");
        return ExternalTool.RunAsync("node", [Path.Combine(tools, "k8s.mjs"), .. overlays], workingDirectory: tools, cancellationToken: TestContext.Current.CancellationToken);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}
