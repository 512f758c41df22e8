using System.Globalization;
using System.Text.RegularExpressions;

namespace Statecraft.Cluster.Tests.Outage;

/// <summary>Reads a silo's own Prometheus endpoint, the way an operator's dashboard sees the silo.</summary>
internal sealed partial class SiloMetrics(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(3) };

    /// <summary>The value of the first sample of <paramref name="series"/> (any labels), or null when absent or unreachable.</summary>
    public async Task<double?> ReadAsync(string series, CancellationToken cancellationToken)
    {
        try
        {
            var text = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
            foreach (var line in text.Split('\n'))
            {
                var match = Sample().Match(line);
                if (match.Success && match.Groups["name"].Value == series)
                {
                    return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
                }
            }

            return null;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The HTTP status of a health endpoint.</summary>
    public async Task<int> StatusAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>The silo process's resident memory, from /proc.</summary>
    public static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(?<value>[-+0-9.eE]+|NaN)")]
    private static partial Regex Sample();
}
