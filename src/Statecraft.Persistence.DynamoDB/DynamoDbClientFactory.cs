using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace Statecraft.Persistence.DynamoDB;

/// <summary>
/// Builds an SDK client from connection settings: endpoint or region, credentials, retries. Shared by the game store and
/// the Orleans grain storage so both reach DynamoDB (and DynamoDB Local) the same way.
/// </summary>
public static class DynamoDbClientFactory
{
    /// <summary>
    /// DynamoDB Local ignores credentials but the SDK signs every request, so some must exist. Letters and digits only:
    /// DynamoDB Local 2.x rejects any other access key id as invalid.
    /// </summary>
    private const string LocalAccessKey = "statecraftlocal";

    /// <summary>A client for the store's settings.</summary>
    /// <exception cref="InvalidOperationException">The named profile does not exist.</exception>
    public static AmazonDynamoDBClient Create(DynamoDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(options.ServiceUrl, options.Region, options.Profile, options.RetryMode, options.MaxErrorRetry, options.RequestTimeout);
    }

    /// <summary>A client for an endpoint (<paramref name="serviceUrl"/>, for example DynamoDB Local) or a region.</summary>
    /// <exception cref="InvalidOperationException">The named profile does not exist.</exception>
    public static AmazonDynamoDBClient Create(string? serviceUrl, string? region, string? profile, RequestRetryMode retryMode, int maxErrorRetry, TimeSpan? requestTimeout = null)
    {
        var config = new AmazonDynamoDBConfig { RetryMode = retryMode, MaxErrorRetry = maxErrorRetry };
        if (requestTimeout is { } timeout)
        {
            config.Timeout = timeout;
        }

        if (serviceUrl is not null)
        {
            config.ServiceURL = serviceUrl;
            // With an explicit endpoint the region only names the signing scope; DynamoDB Local accepts any.
            if ((region ?? (IsLoopback(serviceUrl) ? "us-east-1" : null)) is { } signingRegion)
            {
                config.AuthenticationRegion = signingRegion;
            }
        }
        else if (region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return Credentials(serviceUrl, profile) is { } credentials ? new AmazonDynamoDBClient(credentials, config) : new AmazonDynamoDBClient(config);
    }

    /// <summary>Null lets the SDK resolve its default chain lazily, on the first request.</summary>
    private static AWSCredentials? Credentials(string? serviceUrl, string? profile)
    {
        if (profile is not null)
        {
            return new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var fromProfile)
                ? fromProfile
                : throw new InvalidOperationException($"The AWS credentials profile '{profile}' was not found in the shared credentials or config file.");
        }

        return serviceUrl is not null && IsLoopback(serviceUrl) ? new BasicAWSCredentials(LocalAccessKey, LocalAccessKey) : null;
    }

    private static bool IsLoopback(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
