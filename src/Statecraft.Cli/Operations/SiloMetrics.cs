using System.Globalization;

namespace Statecraft.Cli.Operations;

/// <summary>Reads counters from each silo's Prometheus <c>/metrics</c> (the HTTP address every silo reports about itself).</summary>
internal sealed class SiloMetrics(HttpClient http)
{
    /// <summary>The sum of every series of <paramref name="metric"/> whose labels include all of <paramref name="labels"/>, per silo URL; a silo that does not answer is left out.</summary>
    public async Task<Dictionary<string, double>> SumAsync(IEnumerable<string> siloUrls, string metric, CancellationToken cancellationToken, params (string Name, string Value)[] labels)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var url in siloUrls)
        {
            try
            {
                var text = await http.GetStringAsync(new Uri(new Uri(url), "/metrics"), cancellationToken).ConfigureAwait(false);
                sums[url] = Sum(text, metric, labels);
            }
            catch (HttpRequestException)
            {
                // Reported by the caller as a silo without figures.
            }
        }

        return sums;
    }

    /// <summary>Sums the samples of one metric in Prometheus' text format.</summary>
    internal static double Sum(string exposition, string metric, params (string Name, string Value)[] labels)
    {
        var total = 0.0;
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length || (line[metric.Length] != '{' && line[metric.Length] != ' '))
            {
                continue;
            }

            var close = line[metric.Length] == '{' ? line.IndexOf('}', StringComparison.Ordinal) : metric.Length - 1;
            var labelText = close >= metric.Length ? line[(metric.Length + 1)..close] : "";
            if (labels.All(l => labelText.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                var value = line[(close + 1)..].Trim().Split(' ')[0];
                total += double.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return total;
    }
}
