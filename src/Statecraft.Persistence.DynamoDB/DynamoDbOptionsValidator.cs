using System.Text.RegularExpressions;
using Amazon.Runtime;
using Microsoft.Extensions.Options;

namespace Statecraft.Persistence.DynamoDB;

/// <summary>
/// Rejects <see cref="DynamoDbOptions"/> the store or the grain storage cannot work with, naming the key (and the
/// grain storage provider, for named options) and what to change.
/// </summary>
public sealed partial class DynamoDbOptionsValidator : IValidateOptions<DynamoDbOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DynamoDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = string.IsNullOrEmpty(name) ? DynamoDbOptions.SectionName : $"{DynamoDbOptions.SectionName} ('{name}')";
        var failures = new List<string>();
        if (options.TableName is null || !TableNamePattern().IsMatch(options.TableName))
        {
            failures.Add($"{key}:TableName '{options.TableName}' must be 3 to 255 letters, digits, '_', '-' or '.', for example 'statecraft-games'.");
        }

        if (options.GrainStateTableName is null || !TableNamePattern().IsMatch(options.GrainStateTableName))
        {
            failures.Add($"{key}:GrainStateTableName '{options.GrainStateTableName}' must be 3 to 255 letters, digits, '_', '-' or '.', for example 'statecraft-grain-state'.");
        }

        if (options.Region is not null && !RegionPattern().IsMatch(options.Region))
        {
            failures.Add($"{key}:Region '{options.Region}' is not a region name such as 'eu-west-1'.");
        }

        if (options.ServiceUrl is not null && !IsHttpUrl(options.ServiceUrl))
        {
            failures.Add($"{key}:ServiceUrl '{options.ServiceUrl}' must be an absolute http or https URL, for example 'http://localhost:8000'.");
        }

        if (options.Profile is not null && string.IsNullOrWhiteSpace(options.Profile))
        {
            failures.Add($"{key}:Profile is blank: name a profile of the shared credentials file, or leave it unset for the default credential chain.");
        }

        if ((options.ReadCapacity is null) != (options.WriteCapacity is null))
        {
            failures.Add($"{key}:ReadCapacity and WriteCapacity go together: set both for provisioned capacity, or neither for on-demand (PAY_PER_REQUEST).");
        }
        else if (options.ReadCapacity < 1 || options.WriteCapacity < 1)
        {
            failures.Add($"{key}:ReadCapacity and WriteCapacity must be at least 1; they are {options.ReadCapacity} and {options.WriteCapacity}.");
        }

        if (options.MaxItemBytes is < 1024 or > DynamoDbOptions.MaxItemBytesLimit)
        {
            failures.Add($"{key}:MaxItemBytes must be between 1024 and {DynamoDbOptions.MaxItemBytesLimit} (DynamoDB items hold at most 400 KB); it is {options.MaxItemBytes}.");
        }

        if (options.FinishedGameTtl is { } ttl && ttl < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{key}:FinishedGameTtl must be at least one second, or unset to keep finished games; it is {ttl}.");
        }

        if (!Enum.IsDefined(options.RetryMode))
        {
            failures.Add($"{key}:RetryMode '{options.RetryMode}' is not one of: {string.Join(", ", Enum.GetNames<RequestRetryMode>())}.");
        }

        if (options.RequestTimeout < TimeSpan.FromMilliseconds(100) || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{key}:RequestTimeout must be from 100 ms to 5 minutes; it is {options.RequestTimeout}.");
        }

        if (options.MaxErrorRetry is < 0 or > 20)
        {
            failures.Add($"{key}:MaxErrorRetry must be between 0 and 20; it is {options.MaxErrorRetry}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$")]
    private static partial Regex TableNamePattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex RegionPattern();
}
