using Amazon.Runtime;

namespace Statecraft.Providers.DynamoDB;

/// <summary>Settings of <see cref="DynamoDbGrainStorage"/>.</summary>
/// <remarks>
/// The <see cref="Microsoft.Extensions.Configuration.IConfiguration"/> overloads bind <see cref="SectionName"/>, the same
/// section as the DynamoDB game store, so one set of connection settings (region, endpoint, profile, retries, capacity
/// of created tables) serves both; the table is named by its own key, <see cref="GrainStateTableName"/>. Credentials
/// come from <see cref="Profile"/> when set, otherwise from the AWS SDK's default chain; a loopback
/// <see cref="ServiceUrl"/> is taken to be DynamoDB Local, which accepts a fixed placeholder.
/// </remarks>
public sealed class DynamoDbGrainStorageOptions
{
    /// <summary>The configuration section bound by the <see cref="Microsoft.Extensions.Configuration.IConfiguration"/> overloads.</summary>
    public const string SectionName = "Statecraft:DynamoDB";

    /// <summary>
    /// The table of grain state: partition key <c>grainId</c>, sort key <c>stateName</c>. Several providers may share it;
    /// a state is identified by grain and state name, as in the SQLite provider.
    /// </summary>
    public string GrainStateTableName { get; set; } = "statecraft-grain-state";

    /// <summary>The AWS region, for example <c>eu-west-1</c>. When null the SDK's own lookup applies (<c>AWS_REGION</c>, the profile).</summary>
    public string? Region { get; set; }

    /// <summary>An explicit endpoint, for DynamoDB Local (<c>http://localhost:8000</c>) or a VPC endpoint. Null uses the region's public endpoint.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>A named profile of the shared AWS credentials file. Null uses the SDK's default credential chain.</summary>
    public string? Profile { get; set; }

    /// <summary>Creates the table when the silo starts if it does not exist; turn off where infrastructure code owns the table.</summary>
    public bool CreateTableIfMissing { get; set; } = true;

    /// <summary>Provisioned read capacity of a created table. Null with <see cref="WriteCapacity"/> null: on-demand (PAY_PER_REQUEST).</summary>
    public long? ReadCapacity { get; set; }

    /// <summary>Provisioned write capacity of a created table. Null with <see cref="ReadCapacity"/> null: on-demand (PAY_PER_REQUEST).</summary>
    public long? WriteCapacity { get; set; }

    /// <summary>How the SDK retries throttled and transient failures: <see cref="RequestRetryMode.Standard"/> or <see cref="RequestRetryMode.Adaptive"/>.</summary>
    public RequestRetryMode RetryMode { get; set; } = RequestRetryMode.Standard;

    /// <summary>How many times the SDK retries a throttled or transient failure before giving up.</summary>
    public int MaxErrorRetry { get; set; } = 5;
}
