using System.Text.RegularExpressions;
using Amazon.Runtime;
using Microsoft.Extensions.Options;

namespace Statecraft.Providers.DynamoDB;

/// <summary>Rejects <see cref="DynamoDbGrainStorageOptions"/> the provider cannot work with, naming the provider and what to change.</summary>
public sealed partial class DynamoDbGrainStorageOptionsValidator : IValidateOptions<DynamoDbGrainStorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DynamoDbGrainStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var subject = string.IsNullOrEmpty(name) ? "DynamoDbGrainStorageOptions" : $"DynamoDbGrainStorageOptions '{name}'";
        var failures = new List<string>();
        if (options.GrainStateTableName is null || !TableNamePattern().IsMatch(options.GrainStateTableName))
        {
            failures.Add($"{subject}: GrainStateTableName '{options.GrainStateTableName}' must be 3 to 255 letters, digits, '_', '-' or '.', for example 'statecraft-grain-state'.");
        }

        if (options.Region is not null && !RegionPattern().IsMatch(options.Region))
        {
            failures.Add($"{subject}: Region '{options.Region}' is not a region name such as 'eu-west-1'.");
        }

        if (options.ServiceUrl is not null && !IsHttpUrl(options.ServiceUrl))
        {
            failures.Add($"{subject}: ServiceUrl '{options.ServiceUrl}' must be an absolute http or https URL, for example 'http://localhost:8000'.");
        }

        if (options.Profile is not null && string.IsNullOrWhiteSpace(options.Profile))
        {
            failures.Add($"{subject}: Profile is blank; name a profile of the shared credentials file, or leave it unset for the default credential chain.");
        }

        if ((options.ReadCapacity is null) != (options.WriteCapacity is null))
        {
            failures.Add($"{subject}: ReadCapacity and WriteCapacity go together; set both for provisioned capacity, or neither for on-demand (PAY_PER_REQUEST).");
        }
        else if (options.ReadCapacity < 1 || options.WriteCapacity < 1)
        {
            failures.Add($"{subject}: ReadCapacity and WriteCapacity must be at least 1; they are {options.ReadCapacity} and {options.WriteCapacity}.");
        }

        if (!Enum.IsDefined(options.RetryMode))
        {
            failures.Add($"{subject}: RetryMode '{options.RetryMode}' is not one of: {string.Join(", ", Enum.GetNames<RequestRetryMode>())}.");
        }

        if (options.MaxErrorRetry is < 0 or > 20)
        {
            failures.Add($"{subject}: MaxErrorRetry must be between 0 and 20; it is {options.MaxErrorRetry}.");
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
