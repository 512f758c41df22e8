using Amazon.Runtime;

namespace Statecraft.Persistence.DynamoDB;

/// <summary>
/// The DynamoDB settings, bound from <see cref="SectionName"/>: one set of connection settings (region, endpoint,
/// profile, retries, capacity of created tables) for the game store (<see cref="TableName"/>) and the Orleans grain
/// storage of the same silo (<see cref="GrainStateTableName"/>).
/// </summary>
/// <remarks>
/// Credentials come from <see cref="Profile"/> when it is set, otherwise from the AWS SDK's default chain (environment
/// variables, the shared credentials file, container or instance roles). A <see cref="ServiceUrl"/> on a loopback
/// address is taken to be DynamoDB Local, which accepts any credentials, so a fixed placeholder is used there.
/// </remarks>
public sealed class DynamoDbOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Statecraft:DynamoDB";

    /// <summary>The largest <see cref="MaxItemBytes"/> accepted: DynamoDB's 400 KB item limit less room for the record's other attributes.</summary>
    public const int MaxItemBytesLimit = 384 * 1024;

    /// <summary>The table holding every game's header, events and snapshots.</summary>
    public string TableName { get; set; } = "statecraft-games";

    /// <summary>
    /// The table of Orleans grain state (the flags): partition key <c>grainId</c>, sort key <c>stateName</c>. Several
    /// providers may share it; a state is identified by grain and state name.
    /// </summary>
    public string GrainStateTableName { get; set; } = "statecraft-grain-state";

    /// <summary>The AWS region, for example <c>eu-west-1</c>. When null the SDK's own lookup applies (<c>AWS_REGION</c>, the profile).</summary>
    public string? Region { get; set; }

    /// <summary>An explicit endpoint, for DynamoDB Local (<c>http://localhost:8000</c>) or a VPC endpoint. Null uses the region's public endpoint.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>A named profile of the shared AWS credentials file. Null uses the SDK's default credential chain.</summary>
    public string? Profile { get; set; }

    /// <summary>
    /// Creates the table (and its index) at start when it does not exist. Convenient in development; in production the
    /// table is usually created by infrastructure code and this is turned off, so a typo fails loudly instead.
    /// </summary>
    public bool CreateTableIfMissing { get; set; } = true;

    /// <summary>Provisioned read capacity of a created table and its index. Null with <see cref="WriteCapacity"/> null: on-demand (PAY_PER_REQUEST).</summary>
    public long? ReadCapacity { get; set; }

    /// <summary>Provisioned write capacity of a created table and its index. Null with <see cref="ReadCapacity"/> null: on-demand (PAY_PER_REQUEST).</summary>
    public long? WriteCapacity { get; set; }

    /// <summary>
    /// Payload bytes kept in one item; a larger event or snapshot is split into chunk items and reassembled on read.
    /// Payloads arrive already compressed by the codec, so chunking is for the rare very large snapshot.
    /// </summary>
    public int MaxItemBytes { get; set; } = 350 * 1024;

    /// <summary>
    /// When set, every item of a finished game carries <c>expiresAt</c> (epoch seconds, finish time plus this), and DynamoDB's
    /// time to live removes the game without a retention pass. Null keeps finished games until retention or deletion.
    /// </summary>
    public TimeSpan? FinishedGameTtl { get; set; }

    /// <summary>How the SDK retries throttled and transient failures: <see cref="RequestRetryMode.Standard"/> or <see cref="RequestRetryMode.Adaptive"/> (client-side rate limiting).</summary>
    public RequestRetryMode RetryMode { get; set; } = RequestRetryMode.Standard;

    /// <summary>How many times the SDK retries a throttled or transient failure before giving up.</summary>
    public int MaxErrorRetry { get; set; } = 5;

    /// <summary>
    /// How long one HTTP request may take before the SDK abandons it (the SDK's own default is about 100 s). Short, so
    /// a frozen endpoint fails like a refused one; the silo's <c>Statecraft:Resilience:StoreCallTimeout</c> is shorter still.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
