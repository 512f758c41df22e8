using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace Statecraft.Persistence.DynamoDB;

/// <summary>Builds the SDK client the options describe: endpoint or region, credentials, retries.</summary>
internal static class DynamoDbClientFactory
{
    /// <summary>
    /// DynamoDB Local ignores credentials but the SDK signs every request, so some must exist. Letters and digits only:
    /// DynamoDB Local 2.x rejects any other access key id as invalid.
    /// </summary>
    private const string LocalAccessKey = "statecraftlocal";

    /// <exception cref="InvalidOperationException">The named profile does not exist.</exception>
    public static AmazonDynamoDBClient Create(DynamoDbStoreOptions options)
    {
        var config = new AmazonDynamoDBConfig
        {
            RetryMode = options.RetryMode,
            MaxErrorRetry = options.MaxErrorRetry,
        };
        if (options.ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
            // With an explicit endpoint the region only names the signing scope; DynamoDB Local accepts any.
            if ((options.Region ?? (IsLoopback(serviceUrl) ? "us-east-1" : null)) is { } signingRegion)
            {
                config.AuthenticationRegion = signingRegion;
            }
        }
        else if (options.Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return Credentials(options) is { } credentials ? new AmazonDynamoDBClient(credentials, config) : new AmazonDynamoDBClient(config);
    }

    /// <summary>Null lets the SDK resolve its default chain lazily, on the first request.</summary>
    private static AWSCredentials? Credentials(DynamoDbStoreOptions options)
    {
        if (options.Profile is { } profile)
        {
            return new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var fromProfile)
                ? fromProfile
                : throw new InvalidOperationException($"The AWS credentials profile '{profile}' (DynamoDbStoreOptions.Profile) was not found in the shared credentials or config file.");
        }

        return options.ServiceUrl is { } url && IsLoopback(url) ? new BasicAWSCredentials(LocalAccessKey, LocalAccessKey) : null;
    }

    private static bool IsLoopback(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
