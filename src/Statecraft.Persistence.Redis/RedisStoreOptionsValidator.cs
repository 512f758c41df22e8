using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Statecraft.Persistence.Redis;

/// <summary>Rejects <see cref="RedisStoreOptions"/> the store cannot work with, saying what to change.</summary>
public sealed class RedisStoreOptionsValidator : IValidateOptions<RedisStoreOptions>
{
    private const int MaxKeyPrefixLength = 64;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RedisStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateConnectionString(options.ConnectionString, failures);
        ValidateKeyPrefix(options.KeyPrefix, failures);
        ValidateTimeout(nameof(RedisStoreOptions.ConnectTimeout), options.ConnectTimeout, failures);
        ValidateTimeout(nameof(RedisStoreOptions.SyncTimeout), options.SyncTimeout, failures);
        ValidateTimeout(nameof(RedisStoreOptions.AsyncTimeout), options.AsyncTimeout, failures);
        if (options.FinishedGameTtl is { } ttl && (ttl < TimeSpan.FromSeconds(1) || ttl > TimeSpan.FromDays(365 * 100)))
        {
            failures.Add($"Statecraft:Redis:FinishedGameTtl must be null (keep finished games) or between 1 second and 100 years, for example '30.00:00:00'; it is {ttl}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateConnectionString(string? connectionString, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add("Statecraft:Redis:ConnectionString must name at least one endpoint, for example '127.0.0.1:6379'.");
            return;
        }

        try
        {
            if (ConfigurationOptions.Parse(connectionString).EndPoints.Count == 0)
            {
                failures.Add($"Statecraft:Redis:ConnectionString '{Redact(connectionString)}' names no endpoint; add one such as '127.0.0.1:6379'.");
            }
        }
        catch (ArgumentException error)
        {
            failures.Add($"Statecraft:Redis:ConnectionString is not a StackExchange.Redis configuration string: {error.Message}");
        }
    }

    private static void ValidateKeyPrefix(string? prefix, List<string> failures)
    {
        if (string.IsNullOrEmpty(prefix) || prefix.Length > MaxKeyPrefixLength || !prefix.All(IsAllowedPrefixChar))
        {
            failures.Add($"Statecraft:Redis:KeyPrefix '{prefix}' must be 1 to {MaxKeyPrefixLength} letters, digits or '.', '_', '-', ':' (braces would break the per-game hash tag), for example 'sc'.");
        }
    }

    private static void ValidateTimeout(string name, TimeSpan? timeout, List<string> failures)
    {
        if (timeout is { } value && (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue))
        {
            failures.Add($"Statecraft:Redis:{name} must be null (library default) or positive and at most {TimeSpan.FromMilliseconds(int.MaxValue)}; it is {value}.");
        }
    }

    private static bool IsAllowedPrefixChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':';

    /// <summary>Error messages end up in logs: never echo a password.</summary>
    private static string Redact(string connectionString) =>
        string.Join(',', connectionString.Split(',').Select(part =>
            part.TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase) ? "password=***" : part));
}
