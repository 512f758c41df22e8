using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Statecraft.Testing;

/// <summary>
/// A real Prometheus server (Debian's <c>prometheus</c>) on a free loopback port with the given configuration and rule
/// files, and a small client of its HTTP query API.
/// </summary>
public sealed class PrometheusServer : ServerProcess
{
    private readonly string _directory;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private PrometheusServer(ProcessStartInfo start, string directory, int port)
        : base(start)
    {
        _directory = directory;
        Url = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>Its base URL.</summary>
    public Uri Url { get; }

    /// <summary>The directory holding its configuration (rule files are copied here, so relative paths resolve).</summary>
    public string Directory => _directory;

    /// <summary>
    /// Starts Prometheus with <paramref name="configuration"/> (YAML; <c>rule_files</c> may name files in
    /// <paramref name="files"/>, which are written next to it) and waits until it is ready.
    /// </summary>
    public static async Task<PrometheusServer> StartAsync(string configuration, IReadOnlyDictionary<string, string>? files = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var directory = System.IO.Directory.CreateTempSubdirectory("statecraft-prometheus-").FullName;
        foreach (var (name, text) in files ?? new Dictionary<string, string>())
        {
            await File.WriteAllTextAsync(Path.Combine(directory, name), text, cancellationToken).ConfigureAwait(false);
        }

        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, configuration, cancellationToken).ConfigureAwait(false);
        var port = FreePort.Next();
        var start = new ProcessStartInfo("prometheus") { WorkingDirectory = directory };
        foreach (var argument in new[]
        {
            $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--web.enable-lifecycle",
        })
        {
            start.ArgumentList.Add(argument);
        }

        PrometheusServer server;
        try
        {
            server = new PrometheusServer(start, directory, port);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("prometheus is not installed; ./test.sh installs it (apt-get install prometheus).", exception);
        }

        await server.WaitUntilHttpReadyAsync(new Uri(server.Url, "/-/ready"), "prometheus", TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>Runs an instant query; returns the <c>data.result</c> array (throws with Prometheus' error on a bad query).</summary>
    public async Task<JsonElement> QueryAsync(string promql, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(Url, $"/api/v1/query?query={Uri.EscapeDataString(promql)}");
        using var response = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        if (body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus refused `{promql}`: {body}");
        }

        return body.GetProperty("data").GetProperty("result");
    }

    /// <summary>Runs a range query over the last <paramref name="range"/> at <paramref name="step"/>; returns <c>data.result</c>.</summary>
    public async Task<JsonElement> QueryRangeAsync(string promql, TimeSpan range, TimeSpan step, CancellationToken cancellationToken = default)
    {
        var end = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var start = end - range.TotalSeconds;
        var uri = new Uri(Url, string.Create(CultureInfo.InvariantCulture,
            $"/api/v1/query_range?query={Uri.EscapeDataString(promql)}&start={start:F3}&end={end:F3}&step={step.TotalSeconds:F0}s"));
        using var response = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        if (body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus refused `{promql}`: {body}");
        }

        return body.GetProperty("data").GetProperty("result");
    }

    /// <summary>The rule groups Prometheus loaded, with each rule's health and last error (GET /api/v1/rules).</summary>
    public async Task<JsonElement> RulesAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(new Uri(Url, "/api/v1/rules"), cancellationToken).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).GetProperty("data").GetProperty("groups");
    }

    /// <inheritdoc />
    protected override ValueTask OnDisposedAsync()
    {
        _http.Dispose();
        System.IO.Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
