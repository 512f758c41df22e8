using Microsoft.Extensions.Logging;

namespace Statecraft.Persistence.DynamoDB;

/// <summary>The store's log messages.</summary>
internal static partial class DynamoDbLog
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Created DynamoDB table {TableName} ({BillingMode}) for the game store")]
    public static partial void TableCreated(ILogger logger, string tableName, string billingMode);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Enabled time to live on {AttributeName} of DynamoDB table {TableName}")]
    public static partial void TimeToLiveEnabled(ILogger logger, string tableName, string attributeName);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "DynamoDB table {TableName} has time to live {Status} on {AttributeName}; finished games will not expire by themselves until it is enabled on expiresAt")]
    public static partial void TimeToLiveUnavailable(ILogger logger, string tableName, string? status, string? attributeName);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Debug, Message = "Append to game {GameId} at version {ExpectedVersion} collided with another transaction or was throttled; attempt {Attempt} retries")]
    public static partial void AppendRetried(ILogger logger, string gameId, long expectedVersion, int attempt);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Warning, Message = "Game {GameId} finished but its older items could not all be given an expiry; retention or deletion still removes them")]
    public static partial void ExpiryStampFailed(ILogger logger, Exception exception, string gameId);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Debug, Message = "The header of game {GameId} changed during {Operation}; attempt {Attempt} reads it again")]
    public static partial void HeaderChanged(ILogger logger, string gameId, string operation, int attempt);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Warning, Message = "Pruning the snapshots of game {GameId} after an append failed; the append stands and the next snapshot prunes again")]
    public static partial void PruneFailed(ILogger logger, Exception exception, string gameId);
}
