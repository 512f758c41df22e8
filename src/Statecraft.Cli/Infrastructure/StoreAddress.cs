namespace Statecraft.Cli.Infrastructure;

/// <summary>
/// A game store written as one string — <c>sqlite:PATH</c>, <c>redis://[:PASSWORD@]HOST:PORT[?prefix=P]</c>,
/// <c>dynamodb://TABLE[?serviceUrl=URL&amp;region=R&amp;profile=P]</c> — turned into the silo's own settings
/// (<c>Statecraft:Storage</c> and its section), so the tool opens the store exactly as a silo would.
/// </summary>
internal sealed record StoreAddress(string Text, IReadOnlyDictionary<string, string?> Settings)
{
    public static StoreAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text["sqlite:".Length..];
            path = path.StartsWith("//", StringComparison.Ordinal) ? path[2..] : path;
            settings["Statecraft:Storage"] = "Sqlite";
            settings["Statecraft:Sqlite:DataSource"] = path.Length > 0 ? path : throw Invalid(text);
        }
        else if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "redis" or "rediss")
        {
            settings["Statecraft:Storage"] = "Redis";
            settings["Statecraft:Redis:ConnectionString"] = uri.IsDefaultPort ? $"{uri.Host}:6379" : $"{uri.Host}:{uri.Port}";
            if (uri.UserInfo.Split(':', 2) is [_, { Length: > 0 } password])
            {
                settings["Statecraft:Redis:Password"] = Uri.UnescapeDataString(password);
            }

            settings["Statecraft:Redis:Ssl"] = uri.Scheme == "rediss" ? "true" : null;
            settings["Statecraft:Redis:KeyPrefix"] = Query(uri, "prefix");
        }
        else if (Uri.TryCreate(text, UriKind.Absolute, out uri) && uri.Scheme == "dynamodb" && uri.Host.Length > 0)
        {
            settings["Statecraft:Storage"] = "DynamoDB";
            settings["Statecraft:DynamoDB:TableName"] = uri.Host;
            settings["Statecraft:DynamoDB:ServiceUrl"] = Query(uri, "serviceUrl");
            settings["Statecraft:DynamoDB:Region"] = Query(uri, "region");
            settings["Statecraft:DynamoDB:Profile"] = Query(uri, "profile");
        }
        else
        {
            throw Invalid(text);
        }

        return new StoreAddress(text, settings.Where(s => s.Value is not null).ToDictionary(StringComparer.Ordinal));
    }

    public override string ToString() => Text;

    private static string? Query(Uri uri, string key) => System.Web.HttpUtility.ParseQueryString(uri.Query)[key];

    private static FormatException Invalid(string text) =>
        new($"'{text}' is not a store address; use sqlite:PATH, redis://[:PASSWORD@]HOST:PORT[?prefix=P] or dynamodb://TABLE[?serviceUrl=URL&region=R].");
}
