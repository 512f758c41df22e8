namespace Statecraft.Silo.Hosting;

/// <summary>The HTTP addresses in <c>urls</c>, read the same way by everything that needs them.</summary>
internal static class HttpUrls
{
    /// <summary>The entries of <c>urls</c>, in order.</summary>
    public static string[] From(IConfiguration configuration) =>
        (configuration["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>One entry as a URI; Kestrel's wildcard hosts (<c>*</c>, <c>+</c>) are not valid URI hosts and read as <c>0.0.0.0</c>.</summary>
    public static Uri? Parse(string url) =>
        Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri
            : null;
}
